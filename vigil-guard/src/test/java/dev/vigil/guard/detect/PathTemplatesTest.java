package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathTemplatesTest {
    /** The templated path and the id segments, or null when the path has none. */
    private static String[] split(String path) {
        int firstId = PathTemplates.firstIdSegment(path);
        if (firstId < 0) {
            return null;
        }
        StringBuilder template = new StringBuilder();
        String ids = PathTemplates.appendTemplate(template, path, firstId);
        return new String[] {template.toString(), ids};
    }

    @Test
    void idSegmentsBecomePlaceholdersAndAreCollected() {
        assertThat(split("/api/items/42")).containsExactly("/api/items/{id}", "42");
        assertThat(split("/users/550e8400-e29b-41d4-a716-446655440000/orders/7"))
                .containsExactly("/users/{id}/orders/{id}", "550e8400-e29b-41d4-a716-446655440000/7");
        assertThat(split("/7")).containsExactly("/{id}", "7");
        assertThat(split("/a//7/")).containsExactly("/a//{id}/", "7");
        assertThat(split("/files/deadbeef01/raw")).containsExactly("/files/{id}/raw", "deadbeef01");
    }

    @Test
    void pathsWithoutIdsGiveNull() {
        assertThat(split("/api/items")).isNull();
        assertThat(split("/")).isNull();
        assertThat(split("*")).isNull();
        assertThat(split("/api/v2/search-results")).isNull();
    }
}
