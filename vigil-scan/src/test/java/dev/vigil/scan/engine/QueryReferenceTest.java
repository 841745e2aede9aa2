package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.TestServer;
import dev.vigil.scan.TestServer.Res;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.Identities;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BOLA through a query parameter: {@code GET /orders?customerId=} with another customer's id. */
class QueryReferenceTest {
    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: shop, version: "1"}
            security: [{bearer: []}]
            paths:
              /profile:
                get: {responses: {"200": {description: ok}}}
              /orders:
                get:
                  parameters: [{name: customerId, in: query, required: true, schema: {type: string}}]
                  responses: {"200": {description: ok}}
            components:
              securitySchemes: {bearer: {type: http, scheme: bearer}}
            """;
    private static final Identities IDS = new IdentitiesLoader(Map.of()).parse("""
                    identities:
                      - {name: ann, auth: {type: bearer, token: token-ann}}
                      - {name: ben, auth: {type: bearer, token: token-ben}}
                    """, "ids.yaml");
    private static final Map<String, String> CUSTOMER = Map.of("ann", "c-17", "ben", "c-42");

    private static TestServer shop(boolean checksCustomer) {
        return new TestServer(req -> {
            String user = req.header("authorization").replace("Bearer token-", "");
            if (!CUSTOMER.containsKey(user)) {
                return Res.json(401, "{}");
            }
            if (req.path().equals("/profile")) {
                return Res.json(200, "{\"name\":\"" + user + "\",\"customerId\":\"" + CUSTOMER.get(user) + "\"}");
            }
            if (req.path().equals("/orders")) {
                String customer = req.queryParam("customerId");
                if (checksCustomer && !customer.equals(CUSTOMER.get(user))) {
                    return Res.json(403, "{\"title\":\"forbidden\"}");
                }
                return Res.json(200, "{\"orders\":[{\"item\":\"book for " + customer + "\",\"total\":12}]}");
            }
            return Res.json(404, "{}");
        });
    }

    private static List<Finding> scan(TestServer server) throws InterruptedException {
        Target target = new TargetLoader(Map.of()).build(server.baseUrl(), List.of(), Optional.of(SPEC));
        String host = server.baseUrl().getHost() + ":" + server.baseUrl().getPort();
        return new ScanEngine(
                        new JdkTransport(
                                JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                Clock.systemUTC(),
                                Duration.ofSeconds(5)),
                        Clock.systemUTC(),
                        d -> {})
                .run(
                        target,
                        IDS,
                        new CatalogLoader().load(List.of()).only(List.of("bola-read")),
                        new ScanPolicy(Set.of(host), false, 300, 0, 2, false, Duration.ofMillis(100)),
                        Optional.empty())
                .findings();
    }

    @Test
    void flagsAnotherCustomersOrdersByQueryParameter() throws Exception {
        try (TestServer server = shop(false)) {
            assertThat(scan(server))
                    .extracting(Finding::location)
                    .containsExactly("query:customerId", "query:customerId");
        }
    }

    @Test
    void staysQuietWhenTheServerChecksTheCustomer() throws Exception {
        try (TestServer server = shop(true)) {
            assertThat(scan(server)).isEmpty();
        }
    }
}
