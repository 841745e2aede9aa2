package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.discovery.AuthScheme;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.Exposure;
import dev.vigil.discovery.ResponseSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OldVersionMatchingTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private ApiSpec spec(String name, String version, String paths) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "openapi: 3.1.0\ninfo:\n  title: Bank\n  version: '" + version + "'\npaths:\n" + paths);
        return new SpecImporter().read(file);
    }

    private static String get(String path, String parameter) {
        String params = parameter.isEmpty()
                ? ""
                : "      parameters:\n        - name: " + parameter + "\n          in: path\n          required: true\n"
                        + "          schema: {type: string}\n";
        return "  " + path + ":\n    get:\n" + params + "      responses:\n        '200': {description: ok}\n";
    }

    private static Endpoint observed(String path) {
        return new Endpoint(
                new EndpointKey("bank.example.com", "GET", path),
                1.0,
                3,
                NOW,
                NOW,
                Exposure.PUBLIC,
                List.of(new AuthScheme.None()),
                Set.of(),
                List.of(),
                Map.of(),
                Map.of(200, new ResponseSummary(200, 3, Map.of())),
                List.of());
    }

    @Test
    void anOldTemplatedRouteCorrespondsToTheNewTemplatedRouteNotItsLiteralSibling() throws Exception {
        ApiSpec v1 = spec("v1.yaml", "1.0", get("/api/v1/users/{id}", "id"));
        ApiSpec v2 = spec("v2.yaml", "2.0", get("/api/v2/users/me", "") + get("/api/v2/users/{userId}", "userId"));
        DiffReport report = new SpecDiff(DiffConfig.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))
                .diff(List.of(observed("/api/v1/users/{id}")), List.of(v1, v2));

        assertThat(report.findings())
                .filteredOn(f -> f.kind() == FindingKind.ZOMBIE_OLD_VERSION)
                .singleElement()
                .satisfies(f -> assertThat(f.detail())
                        .contains("GET /api/v2/users/{userId}")
                        .doesNotContain("/me"));
    }
}
