package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.TestServer;
import dev.vigil.scan.TestServer.Res;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.http.JdkTransport;
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

/**
 * OpenAPI links as producer-consumer edges: a wallet reference that only a link names (the field
 * is neither id-like nor named like the parameter) becomes an owned id to replay.
 */
class OpenApiLinksTest {
    private static String spec(boolean withLinks) {
        return """
                openapi: 3.0.3
                info: {title: wallets, version: "1"}
                security: [{bearer: []}]
                paths:
                  /profile:
                    get:
                      operationId: getProfile
                      responses:
                        "200":
                          description: ok
                """ + (withLinks ? """
                          links:
                            wallet:
                              operationId: getWallet
                              parameters: {walletRef: "$response.body#/wallet/handle"}
                """ : "") + """
                  /wallets/{walletRef}:
                    get:
                      operationId: getWallet
                      parameters: [{name: walletRef, in: path, required: true, schema: {type: string}}]
                      responses: {"200": {description: ok}}
                components:
                  securitySchemes: {bearer: {type: http, scheme: bearer}}
                """;
    }

    private static TestServer wallets(boolean checksOwner) {
        return new TestServer(req -> {
            String auth = req.header("authorization");
            String user = auth.equals("Bearer token-ann") ? "ann" : auth.equals("Bearer token-ben") ? "ben" : null;
            if (user == null) {
                return Res.json(401, "{}");
            }
            if (req.path().equals("/profile")) {
                return Res.json(200, "{\"name\":\"" + user + "\",\"wallet\":{\"handle\":\"w-" + user + "-93\"}}");
            }
            if (req.path().startsWith("/wallets/w-")) {
                String owner = req.path().substring("/wallets/w-".length()).replace("-93", "");
                if (!Set.of("ann", "ben").contains(owner) || (checksOwner && !owner.equals(user))) {
                    return Res.json(404, "{\"title\":\"not found\"}");
                }
                return Res.json(200, "{\"owner\":\"" + owner + "\",\"balance\":1200}");
            }
            return Res.json(404, "{\"title\":\"not found\"}");
        });
    }

    private static List<Finding> scan(TestServer server, boolean withLinks) throws InterruptedException {
        Target target = new TargetLoader(Map.of()).build(server.baseUrl(), List.of(), Optional.of(spec(withLinks)));
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
                        new IdentitiesLoader(Map.of()).parse("""
                                identities:
                                  - {name: ann, auth: {type: bearer, token: token-ann}}
                                  - {name: ben, auth: {type: bearer, token: token-ben}}
                                """, "ids.yaml"),
                        new CatalogLoader().load(List.of()).only(List.of("bola-read")),
                        new ScanPolicy(Set.of(host), false, 500, 0, 2, false, Duration.ofMillis(200)),
                        Optional.empty())
                .findings();
    }

    @Test
    void replaysObjectsWhoseIdsOnlyALinkNames() throws Exception {
        try (TestServer server = wallets(false)) {
            assertThat(scan(server, true)).extracting(Finding::identity).containsExactlyInAnyOrder("ann", "ben");
        }
    }

    @Test
    void staysQuietWhenTheServerChecksTheOwner() throws Exception {
        try (TestServer server = wallets(true)) {
            assertThat(scan(server, true)).isEmpty();
        }
    }

    @Test
    void withoutTheLinkTheWalletIdsAreUnknown() throws Exception {
        try (TestServer server = wallets(false)) {
            assertThat(scan(server, false)).isEmpty();
        }
    }

    @Test
    void loadsLinksByOperationIdAndEvaluatesBodyAndHeaderExpressions() {
        Target t =
                new TargetLoader(Map.of()).build(java.net.URI.create("http://h"), List.of(), Optional.of(spec(true)));
        assertThat(t.links()).singleElement().satisfies(l -> {
            assertThat(l.from()).isEqualTo("GET /profile");
            assertThat(l.to()).isEqualTo("GET /wallets/{walletRef}");
            assertThat(l.parameters()).containsEntry("walletRef", "$response.body#/wallet/handle");
        });
        HttpResult r = new HttpResult(
                201, List.of(new dev.vigil.traffic.Header("Location", "/w/9")), "{\"a\":{\"b\":7}}", 1, "");
        assertThat(LinkFollower.evaluate("$response.body#/a/b", r)).contains("7");
        assertThat(LinkFollower.evaluate("{$response.header.Location}", r)).contains("/w/9");
        assertThat(LinkFollower.evaluate("$request.path.id", r)).isEmpty();
    }
}
