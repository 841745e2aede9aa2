package dev.vigil.scan.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scan.MutableClock;
import dev.vigil.scan.TestServer;
import dev.vigil.scan.TestServer.Res;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.http.JdkTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialManagerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private CredentialManager manager(TestServer server) {
        return new CredentialManager(
                new JdkTransport(JdkTransport.defaultClient(Duration.ofSeconds(2)), clock, Duration.ofSeconds(5)),
                clock,
                server.baseUrl());
    }

    private Identities parse(String yaml) {
        return new IdentitiesLoader(Map.of()).parse(yaml, "t.yaml");
    }

    @Test
    void loginChainExtractsByRegexAndJsonPointerAndRefreshesOn401() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        try (TestServer server = new TestServer(req -> switch (req.path()) {
            case "/csrf" -> Res.json(200, "{}").with("X-Csrf", "csrf=abc123;");
            case "/login" ->
                req.header("x-csrf").equals("abc123") && req.body().contains("\"pw\":\"s3cret\"")
                        ? Res.json(200, "{\"data\":{\"token\":\"T" + issued.incrementAndGet() + "\"}}")
                        : Res.json(403, "{}");
            // only the latest token is valid: an older one gets 401
            case "/me" ->
                req.header("authorization").equals("Bearer T" + issued.get())
                        ? Res.json(200, "{\"me\":1}")
                        : Res.json(401, "{}");
            default -> Res.json(404, "{}");
        })) {
            Identities ids = parse("""
                    identities:
                      - name: dave
                        auth:
                          type: login
                          vars: {pw: s3cret}
                          steps:
                            - {method: GET, url: /csrf, extract: {csrf: {from: "header:X-Csrf", regex: "csrf=([a-z0-9]+)"}}}
                            - url: /login
                              headers: {X-Csrf: "${csrf}"}
                              body: {pw: "${pw}"}
                              extract: {token: {from: body, pointer: /data/token}}
                    """);
            Identity dave = ids.named("dave").orElseThrow();
            CredentialManager m = manager(server);
            HttpCall me = HttpCall.get(server.baseUrl().resolve("/me"));
            assertThat(m.send(dave, me).status()).isEqualTo(200);
            issued.incrementAndGet(); // the server rotates: the cached token is now stale
            HttpResult after = m.send(dave, me);
            assertThat(after.status()).isEqualTo(200);
            assertThat(m.acquisitions("dave")).isEqualTo(2);
            assertThat(m.knownSecrets()).contains("s3cret");
        }
    }

    @Test
    void aDenialThatARefreshDoesNotCureStopsCostingLogins() throws Exception {
        AtomicInteger logins = new AtomicInteger();
        try (TestServer server = new TestServer(req -> switch (req.path()) {
            case "/login" -> Res.json(200, "{\"token\":\"T" + logins.incrementAndGet() + "\"}");
            case "/admin" -> Res.json(401, "{}"); // never allowed, whatever the token
            default -> Res.json(404, "{}");
        })) {
            Identities ids = parse("""
                    identities:
                      - name: erin
                        auth:
                          type: login
                          steps:
                            - url: /login
                              extract: {token: {from: body, pointer: /token}}
                    """);
            Identity erin = ids.named("erin").orElseThrow();
            CredentialManager m = manager(server);
            HttpCall admin = HttpCall.get(server.baseUrl().resolve("/admin"));
            assertThat(m.send(erin, admin).status()).isEqualTo(401);
            assertThat(m.acquisitions("erin")).isEqualTo(2); // one refresh tried
            for (int i = 0; i < 5; i++) {
                assertThat(m.send(erin, admin).status()).isEqualTo(401);
            }
            assertThat(m.acquisitions("erin")).isEqualTo(2);
        }
    }

    @Test
    void concurrentVirtualThreadsShareOneLoginPerIdentity() throws Exception {
        AtomicInteger logins = new AtomicInteger();
        try (TestServer server = new TestServer(req -> switch (req.path()) {
            case "/login" -> Res.json(200, "{\"token\":\"T" + logins.incrementAndGet() + "\"}");
            default -> Res.json(404, "{}");
        })) {
            Identities ids = parse("""
                    identities:
                      - name: fay
                        auth:
                          type: login
                          steps:
                            - url: /login
                              extract: {token: {from: body, pointer: /token}}
                    """);
            Identity fay = ids.named("fay").orElseThrow();
            CredentialManager m = manager(server);
            java.util.List<java.util.concurrent.Future<Credentials>> futures = new java.util.ArrayList<>();
            try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 16; i++) {
                    futures.add(executor.submit(() -> m.credentials(fay)));
                }
            }
            Credentials first = futures.get(0).get();
            for (var f : futures) {
                assertThat(f.get()).isSameAs(first);
            }
            assertThat(m.acquisitions("fay")).isEqualTo(1);
            assertThat(logins).hasValue(1);
        }
    }

    @Test
    void oauth2ClientCredentialsAuthenticatesClientAndRefreshesBeforeExpiry() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        String expectedBasic = "Basic " + Base64.getEncoder().encodeToString("svc:sek".getBytes());
        try (TestServer server = new TestServer(req -> {
            if (req.path().equals("/oauth/token")) {
                boolean ok = req.header("authorization").equals(expectedBasic)
                        && req.body().contains("grant_type=client_credentials")
                        && req.body().contains("scope=read");
                return ok
                        ? Res.json(
                                200,
                                "{\"access_token\":\"A" + issued.incrementAndGet()
                                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                        : Res.json(401, "{\"error\":\"invalid_client\"}");
            }
            return Res.json(req.header("authorization").startsWith("Bearer A") ? 200 : 401, "{}");
        })) {
            Identity svc = parse("""
                            identities:
                              - name: svc
                                auth: {type: oauth2-client-credentials, tokenUrl: /oauth/token, clientId: svc, clientSecret: sek, scope: read}
                            """).named("svc").orElseThrow();
            CredentialManager m = manager(server);
            assertThat(m.credentials(svc).bearerToken()).contains("A1");
            assertThat(m.credentials(svc).bearerToken()).contains("A1");
            clock.advance(Duration.ofSeconds(280)); // within the refresh margin of the 300 s lifetime
            assertThat(m.credentials(svc).bearerToken()).contains("A2");
            assertThat(m.send(svc, HttpCall.get(server.baseUrl().resolve("/x"))).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void oauth2PasswordGrantSendsUserCredentialsAndPublicClientId() throws Exception {
        try (TestServer server = new TestServer(req -> req.body().contains("grant_type=password")
                        && req.body().contains("username=eve")
                        && req.body().contains("password=p%26w")
                        && req.body().contains("client_id=web")
                ? Res.json(200, "{\"access_token\":\"E1\"}")
                : Res.json(400, "{}"))) {
            Identity eve = parse("""
                            identities:
                              - name: eve
                                auth: {type: oauth2-password, tokenUrl: /t, clientId: web, username: eve, password: "p&w"}
                            """).named("eve").orElseThrow();
            assertThat(manager(server).credentials(eve).bearerToken()).contains("E1");
        }
    }

    @Test
    void staticCredentialsGoWhereConfigured() throws Exception {
        try (TestServer server = new TestServer(req -> Res.json(
                200,
                "{\"q\":\"" + req.queryParam("key") + "\",\"c\":\"" + req.cookie("SID") + "\",\"a\":\""
                        + req.header("authorization") + "\"}"))) {
            Identities ids = parse("""
                    identities:
                      - {name: k, auth: {type: api-key, in: query, name: key, value: K1}}
                      - {name: c, auth: {type: cookie, name: SID, value: S1}}
                      - {name: b, auth: {type: basic, username: u, password: p}}
                    """);
            CredentialManager m = manager(server);
            HttpCall call = HttpCall.get(server.baseUrl().resolve("/x?y=1"));
            assertThat(m.send(ids.named("k").orElseThrow(), call).body()).contains("\"q\":\"K1\"");
            assertThat(m.send(ids.named("c").orElseThrow(), call).body()).contains("\"c\":\"S1\"");
            assertThat(m.send(ids.named("b").orElseThrow(), call).body()).contains("\"a\":\"Basic dTpw\"");
        }
    }

    @Test
    void failedLoginNamesIdentityAndStepWithoutSecrets() {
        try (TestServer server = new TestServer(req -> Res.json(403, "{}"))) {
            Identity x = parse("""
                            identities:
                              - name: x
                                auth:
                                  type: login
                                  vars: {pw: topsecret}
                                  steps: [{url: /login, body: "pw=${pw}", extract: {token: {from: body, pointer: /t}}}]
                            """).named("x").orElseThrow();
            assertThatThrownBy(() -> manager(server).credentials(x))
                    .isInstanceOf(CredentialManager.LoginFailedException.class)
                    .hasMessageContaining("'x'")
                    .hasMessageContaining("step 1 answered status 403")
                    .hasMessageNotContaining("topsecret");
        }
    }
}
