package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiVersionTest {
    private static Optional<String> inPath(String path) {
        return ApiVersion.inPath(RoutePattern.of(path)).map(ApiVersion::text);
    }

    @Test
    void findsVersionSegmentsOfManyShapes() {
        assertThat(inPath("/api/v1/users")).contains("v1");
        assertThat(inPath("/V2.1/users")).contains("V2.1");
        assertThat(inPath("/api-v3/users")).contains("api-v3");
        assertThat(inPath("/v2beta1/things")).contains("v2beta1");
        assertThat(inPath("/2024-06-01/charges")).contains("2024-06-01");
    }

    @Test
    void ordinaryWordsAndIdsAreNotVersions() {
        assertThat(inPath("/videos/v/12")).isEmpty();
        assertThat(inPath("/users/42")).isEmpty();
        assertThat(inPath("/vendors/{id}")).isEmpty();
        assertThat(inPath("/reports/2024-13-01")).isEmpty();
    }

    @Test
    void findsVersionsInHostLabelsButNotInTheTopLevelDomain() {
        assertThat(ApiVersion.inHost("v1.api.example.com").map(ApiVersion::text))
                .contains("v1");
        assertThat(ApiVersion.inHost("api-v2.example.com:8443").map(ApiVersion::text))
                .contains("v2");
        assertThat(ApiVersion.inHost("users-v1").map(ApiVersion::text)).contains("v1");
        assertThat(ApiVersion.inHost("api.example.com")).isEmpty();
    }

    @Test
    void ordersVersionsNumericallyWithPreReleasesFirst() {
        assertThat(version("/v10/x")).isGreaterThan(version("/v9/x"));
        assertThat(version("/v2/x")).isGreaterThan(version("/v2beta1/x"));
        assertThat(version("/v1.1/x")).isGreaterThan(version("/v1/x"));
        assertThat(version("/2024-06-01/x")).isGreaterThan(version("/2023-12-31/x"));
        assertThat(version("/v2/x").comparableWith(version("/2024-06-01/x"))).isFalse();
    }

    @Test
    void comparesSpecVersionsByTheirNumbers() {
        assertThat(SpecCatalog.compareVersions("1.10.0", "1.9.2")).isPositive();
        assertThat(SpecCatalog.compareVersions("2", "1.9")).isPositive();
        assertThat(SpecCatalog.compareVersions("1.0", "1.0.1")).isNegative();
    }

    private static ApiVersion version(String path) {
        return ApiVersion.inPath(RoutePattern.of(path)).orElseThrow();
    }
}
