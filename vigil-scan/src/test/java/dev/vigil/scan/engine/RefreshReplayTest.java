package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.TestServer;
import dev.vigil.scan.TestServer.Res;
import dev.vigil.scan.catalog.Catalog;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code refresh-token-reuse}: a refresh token redeemed twice is flagged; single-use rotation is not. */
class RefreshReplayTest {
    private static final Catalog CATALOG = new CatalogLoader().load(List.of()).only(Set.of("refresh-token-reuse"));
    private static final Pattern REFRESH = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: Tokens, version: "1"}
            security: [{bearer: []}]
            paths:
              /login:
                post:
                  security: []
                  responses: {"200": {description: ok}}
              /refresh:
                post:
                  security: []
                  responses: {"200": {description: ok}}
              /me:
                get: {responses: {"200": {description: ok}}}
            components:
              securitySchemes: {bearer: {type: http, scheme: bearer}}
            """;

    private static final String LOGIN_WITH_REFRESH = """
            identities:
              - name: alice
                auth:
                  type: login
                  vars: {password: "alice-pw"}
                  steps:
                    - url: /login
                      body: {password: "${password}"}
                      extract:
                        token: {from: body, pointer: /accessToken}
                        refreshToken: {from: body, pointer: /refreshToken}
                  refresh:
                    url: /refresh
                    body: {refreshToken: "${refreshToken}"}
                    extract: {token: {from: body, pointer: /accessToken}}
            """;

    /** A token server; {@code singleUse} consumes a refresh token on redemption. */
    private static TestServer server(boolean singleUse, AtomicInteger refreshes) {
        AtomicInteger serial = new AtomicInteger();
        Map<String, Boolean> grants = new ConcurrentHashMap<>();
        return new TestServer(req -> switch (req.path()) {
            case "/login" -> session(serial, grants);
            case "/refresh" -> {
                refreshes.incrementAndGet();
                Matcher m = REFRESH.matcher(req.body());
                boolean valid =
                        m.find() && (singleUse ? grants.remove(m.group(1)) != null : grants.containsKey(m.group(1)));
                yield valid ? session(serial, grants) : Res.json(401, "{\"error\":\"invalid_grant\"}");
            }
            case "/me" ->
                req.header("authorization").startsWith("Bearer at-")
                        ? Res.json(200, "{\"me\":1}")
                        : Res.json(401, "{}");
            default -> Res.json(404, "{}");
        });
    }

    private static Res session(AtomicInteger serial, Map<String, Boolean> grants) {
        int n = serial.incrementAndGet();
        grants.put("rt-" + n, true);
        return Res.json(200, "{\"accessToken\":\"at-" + n + "\",\"refreshToken\":\"rt-" + n + "\"}");
    }

    private static List<Finding> scan(TestServer server, String identities) throws InterruptedException {
        Identities ids = new IdentitiesLoader(Map.of()).parse(identities, "ids.yaml");
        Target target = new TargetLoader(Map.of()).build(server.baseUrl(), List.of(), Optional.of(SPEC));
        String host = server.baseUrl().getHost() + ":" + server.baseUrl().getPort();
        ScanPolicy policy = new ScanPolicy(Set.of(host), false, 500, 0, 2, false, Duration.ofMillis(300));
        return new ScanEngine(
                        new JdkTransport(
                                JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                Clock.systemUTC(),
                                Duration.ofSeconds(5)),
                        Clock.systemUTC(),
                        d -> {})
                .run(target, ids, CATALOG, policy, Optional.empty())
                .findings();
    }

    @Test
    void flagsARefreshTokenThatWorksTwiceOnTheRefreshOperation() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        try (TestServer server = server(false, refreshes)) {
            List<Finding> findings = scan(server, LOGIN_WITH_REFRESH);
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.testId()).isEqualTo("refresh-token-reuse");
                assertThat(f.operation()).isEqualTo("POST /refresh");
                assertThat(f.identity()).isEqualTo("alice");
                assertThat(f.evidence()).hasSize(3);
            });
            assertThat(refreshes).hasValue(2);
        }
    }

    @Test
    void singleUseRefreshTokensAreNotFlagged() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        try (TestServer server = server(true, refreshes)) {
            assertThat(scan(server, LOGIN_WITH_REFRESH)).isEmpty();
            assertThat(refreshes).hasValue(2);
        }
    }

    @Test
    void identitiesWithoutARefreshAreNotProbed() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        String noRefresh = LOGIN_WITH_REFRESH.substring(0, LOGIN_WITH_REFRESH.indexOf("      refresh:"));
        try (TestServer server = server(false, refreshes)) {
            assertThat(scan(server, noRefresh)).isEmpty();
            assertThat(refreshes).hasValue(0);
        }
    }

    @Test
    void aRefreshThatNeverWorksIsNotAFinding() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        String wrongTemplate = LOGIN_WITH_REFRESH.replace("body: {refreshToken:", "body: {token:");
        try (TestServer server = server(false, refreshes)) {
            assertThat(scan(server, wrongTemplate)).isEmpty();
            assertThat(refreshes).hasValue(1);
        }
    }

    /** An OAuth2 token endpoint (password and refresh_token grants); {@code singleUse} rotates refresh tokens. */
    private static TestServer oauth(boolean singleUse, AtomicInteger refreshes) {
        AtomicInteger serial = new AtomicInteger();
        Map<String, Boolean> grants = new ConcurrentHashMap<>();
        Pattern refreshParam = Pattern.compile("refresh_token=([^&]+)");
        return new TestServer(req -> {
            if (!req.path().equals("/token")) {
                return Res.json(404, "{}");
            }
            if (req.body().contains("grant_type=refresh_token")) {
                refreshes.incrementAndGet();
                Matcher m = refreshParam.matcher(req.body());
                boolean valid =
                        m.find() && (singleUse ? grants.remove(m.group(1)) != null : grants.containsKey(m.group(1)));
                if (!valid) {
                    return Res.json(400, "{\"error\":\"invalid_grant\"}");
                }
            }
            int n = serial.incrementAndGet();
            grants.put("rt" + n, true);
            return Res.json(200, "{\"access_token\":\"at" + n + "\",\"refresh_token\":\"rt" + n + "\"}");
        });
    }

    @Test
    void redeemsAnOauth2RefreshTokenTwiceWithoutADeclaration() throws Exception {
        String ids = """
                identities:
                  - name: eve
                    auth: {type: oauth2-password, tokenUrl: /token, clientId: web, username: eve, password: pw}
                """;
        AtomicInteger reusable = new AtomicInteger();
        try (TestServer server = oauth(false, reusable)) {
            assertThat(scan(server, ids)).singleElement().satisfies(f -> assertThat(f.identity())
                    .isEqualTo("eve"));
            assertThat(reusable).hasValue(2);
        }
        AtomicInteger rotated = new AtomicInteger();
        try (TestServer server = oauth(true, rotated)) {
            assertThat(scan(server, ids)).isEmpty();
            assertThat(rotated).hasValue(2);
        }
    }
}
