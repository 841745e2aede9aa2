package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathTemplatesTest {
    @Test
    void idSegmentsBecomePlaceholdersAndAreCollected() {
        assertThat(PathTemplates.split("/api/items/42")).containsExactly("/api/items/{id}", "42");
        assertThat(PathTemplates.split("/users/550e8400-e29b-41d4-a716-446655440000/orders/7"))
                .containsExactly("/users/{id}/orders/{id}", "550e8400-e29b-41d4-a716-446655440000/7");
        assertThat(PathTemplates.split("/7")).containsExactly("/{id}", "7");
        assertThat(PathTemplates.split("/a//7/")).containsExactly("/a//{id}/", "7");
        assertThat(PathTemplates.split("/files/deadbeef01/raw")).containsExactly("/files/{id}/raw", "deadbeef01");
    }

    @Test
    void pathsWithoutIdsGiveNull() {
        assertThat(PathTemplates.split("/api/items")).isNull();
        assertThat(PathTemplates.split("/")).isNull();
        assertThat(PathTemplates.split("*")).isNull();
        assertThat(PathTemplates.split("/api/v2/search-results")).isNull();
    }
}
