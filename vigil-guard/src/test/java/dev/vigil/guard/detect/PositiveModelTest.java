package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.discovery.EndpointKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositiveModelTest {
    final PositiveModel model = new PositiveModel(List.of(
            new EndpointKey("api.example.com", "GET", "/users/{userId}"),
            new EndpointKey("api.example.com", "GET", "/users/me"),
            new EndpointKey("api.example.com", "POST", "/users"),
            new EndpointKey("", "GET", "/health")));

    @Test
    void knowsDocumentedOperationsWithTheirVariables() {
        assertThat(model.knows("api.example.com", "GET", "/users/123")).isTrue();
        assertThat(model.knows("API.example.com", "get", "/users/me/")).isTrue();
        assertThat(model.knows("api.example.com", "POST", "/users")).isTrue();
        assertThat(model.knows("anything.test:8080", "GET", "/health")).isTrue();
    }

    @Test
    void flagsUnknownPathsMethodsHostsAndShapes() {
        assertThat(model.knows("api.example.com", "DELETE", "/users/123")).isFalse();
        assertThat(model.knows("api.example.com", "GET", "/admin/users")).isFalse();
        assertThat(model.knows("api.example.com", "GET", "/users/123/tokens")).isFalse();
        assertThat(model.knows("api.example.com", "GET", "/users//")).isFalse();
        assertThat(model.knows("other.example.com", "GET", "/users/123")).isFalse();
    }
}
