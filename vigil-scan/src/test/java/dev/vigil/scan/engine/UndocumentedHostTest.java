package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.Exposure;
import dev.vigil.scan.NotesApi;
import dev.vigil.scan.TestServer;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** API9 by host: a host the inventory saw serving the API, absent from the spec and the base URL. */
class UndocumentedHostTest {
    private static String host(URI u) {
        return u.getHost() + ":" + u.getPort();
    }

    private static Endpoint seenOn(URI other) {
        return new Endpoint(
                new EndpointKey(host(other), "GET", "/api/v2/notes"),
                1.0,
                3,
                Instant.EPOCH,
                Instant.EPOCH,
                Exposure.PUBLIC,
                List.of(),
                Set.of(),
                List.of(),
                Map.of(),
                Map.of(),
                List.of());
    }

    private static List<String> scan(URI documented, URI other, boolean otherInScope) throws InterruptedException {
        Target target =
                new TargetLoader(Map.of()).build(documented, List.of(seenOn(other)), Optional.of(NotesApi.spec(false)));
        assertThat(target.otherHosts()).containsExactly(host(other));
        Set<String> hosts = otherInScope ? Set.of(host(documented), host(other)) : Set.of(host(documented));
        ScanPolicy policy = new ScanPolicy(hosts, false, 500, 0, 2, false, Duration.ofMillis(200));
        Catalog catalog = new CatalogLoader().load(List.of()).only(List.of("undocumented-host-live"));
        EngineResult r = new ScanEngine(
                        new JdkTransport(
                                JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                Clock.systemUTC(),
                                Duration.ofSeconds(5)),
                        Clock.systemUTC(),
                        d -> {})
                .run(
                        target,
                        new IdentitiesLoader(Map.of()).parse(NotesApi.IDENTITIES, "ids.yaml"),
                        catalog,
                        policy,
                        Optional.empty());
        return r.findings().stream().map(f -> f.testId() + " " + f.location()).toList();
    }

    @Test
    void flagsAnUndocumentedHostThatServesTheSameAnswers() throws Exception {
        try (NotesApi documented = new NotesApi(Set.of());
                NotesApi forgotten = new NotesApi(Set.of())) {
            assertThat(scan(documented.baseUrl(), forgotten.baseUrl(), true))
                    .containsExactly("undocumented-host-live host:" + host(forgotten.baseUrl()));
        }
    }

    @Test
    void staysQuietWhenTheOtherHostIsRetiredOrOutOfScope() throws Exception {
        try (NotesApi documented = new NotesApi(Set.of());
                TestServer retired = new TestServer(req -> TestServer.Res.json(404, "{\"title\":\"not found\"}"));
                NotesApi forgotten = new NotesApi(Set.of())) {
            assertThat(scan(documented.baseUrl(), retired.baseUrl(), true)).isEmpty();
            assertThat(scan(documented.baseUrl(), forgotten.baseUrl(), false))
                    .as("never contacted outside the allowlist")
                    .isEmpty();
        }
    }
}
