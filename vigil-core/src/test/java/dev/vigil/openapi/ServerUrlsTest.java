package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerUrlsTest {
    @Test
    void basePathOfAbsoluteAndRelativeServers() {
        assertThat(ServerUrls.basePath("https://api.example.com/v2/")).isEqualTo("/v2");
        assertThat(ServerUrls.basePath("https://api.example.com")).isEmpty();
        assertThat(ServerUrls.basePath("/api//v3/")).isEqualTo("/api/v3");
        assertThat(ServerUrls.basePath("api")).isEqualTo("/api");
        assertThat(ServerUrls.basePath("/")).isEmpty();
        assertThat(ServerUrls.basePath("https://{region}.example.com/{base}")).isEqualTo("/{base}");
    }

    @Test
    void hostKeepsOnlyNonDefaultPorts() {
        assertThat(ServerUrls.host("https://API.example.com:443/v1")).isEqualTo("api.example.com");
        assertThat(ServerUrls.host("http://localhost:8080")).isEqualTo("localhost:8080");
        assertThat(ServerUrls.host("/relative")).isEmpty();
    }
}
