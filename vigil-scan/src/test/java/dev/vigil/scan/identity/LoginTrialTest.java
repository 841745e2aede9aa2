package dev.vigil.scan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.MutableClock;
import dev.vigil.scan.TestServer;
import dev.vigil.scan.TestServer.Res;
import dev.vigil.scan.http.JdkTransport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Single logins outside the credential cache, with the right or a wrong password (for the lockout test). */
class LoginTrialTest {
    private static CredentialManager manager(TestServer server) {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        return new CredentialManager(
                new JdkTransport(JdkTransport.defaultClient(Duration.ofSeconds(2)), clock, Duration.ofSeconds(5)),
                clock,
                server.baseUrl());
    }

    private static Identity identity(String yamlAuth) {
        return new IdentitiesLoader(Map.of("EVE_PW", "eve-pw"))
                .parse("identities:\n  - name: eve\n    auth: " + yamlAuth + "\n", "ids.yaml")
                .named("eve")
                .orElseThrow();
    }

    @Test
    void passwordGrantWithAWrongPasswordFailsAndWithTheRightOneSignsIn() throws Exception {
        try (TestServer server = new TestServer(
                req -> URLDecoder.decode(req.body(), StandardCharsets.UTF_8).contains("password=eve-pw")
                        ? Res.json(200, "{\"access_token\":\"tok-1\",\"expires_in\":60}")
                        : Res.json(400, "{\"error\":\"invalid_grant\"}"))) {
            Identity eve = identity(
                    "{type: oauth2-password, tokenUrl: /token, clientId: web, username: eve, password: \"${env:EVE_PW}\"}");
            CredentialManager credentials = manager(server);

            CredentialManager.LoginTrial wrong = credentials.tryLogin(eve, true).orElseThrow();
            CredentialManager.LoginTrial right =
                    credentials.tryLogin(eve, false).orElseThrow();

            assertThat(wrong.succeeded()).isFalse();
            assertThat(wrong.answers().getFirst().call().body()).doesNotContain("eve-pw");
            assertThat(right.succeeded()).isTrue();
            // a token obtained outside the cache is still known for redaction
            assertThat(credentials.knownSecrets()).contains("tok-1");
            assertThat(credentials.acquisitions("eve")).isZero();
        }
    }

    @Test
    void loginChainReplacesOnlyThePasswordVarAndStopsAtTheRefusedStep() throws Exception {
        try (TestServer server = new TestServer(req -> switch (req.path()) {
            case "/csrf" -> Res.json(200, "{\"csrf\":\"c1\"}");
            case "/login" ->
                req.body().contains("\"pass\":\"eve-pw\"") && req.body().contains("\"user\":\"eve\"")
                        ? Res.json(200, "{\"token\":\"t\"}")
                        : Res.json(401, "{\"error\":\"no\"}");
            default -> Res.json(404, "{}");
        })) {
            Identity eve = identity(
                    "{type: login, vars: {user: eve, pass: \"${env:EVE_PW}\"}, steps: ["
                            + "{method: GET, url: /csrf, extract: {csrf: {from: body, pointer: /csrf}}},"
                            + "{url: /login, body: {user: \"${user}\", pass: \"${pass}\", csrf: \"${csrf}\"}, extract: {token: {from: body, pointer: /token}}}]}");
            CredentialManager credentials = manager(server);

            CredentialManager.LoginTrial wrong = credentials.tryLogin(eve, true).orElseThrow();

            assertThat(wrong.succeeded()).isFalse();
            assertThat(wrong.answers()).hasSize(2);
            assertThat(wrong.answers().getLast().result().status()).isEqualTo(401);
            assertThat(wrong.answers().getLast().call().body())
                    .contains("\"user\":\"eve\"")
                    .contains("\"csrf\":\"c1\"");
            assertThat(credentials.tryLogin(eve, false).orElseThrow().succeeded())
                    .isTrue();
        }
    }

    @Test
    void identitiesWithoutAPasswordLoginCannotBeTried() throws Exception {
        try (TestServer server = new TestServer(req -> Res.json(200, "{}"))) {
            assertThat(manager(server).tryLogin(identity("{type: bearer, token: abc}"), true))
                    .isEmpty();
        }
    }
}
