package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoApiAuthTest {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static MutableClock clock;
    static DemoApi api;
    static TestHttp http;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        api = DemoApi.start(DemoConfig.defaults().withClock(clock));
        http = new TestHttp(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void loginIssuesHs256JwtWithSubjectTenantRolesExpiryAndAudience() throws Exception {
        JsonNode login = http.login(DemoCredentials.NORTHWIND_SUPPORT);
        SignedJWT jwt = SignedJWT.parse(login.path("accessToken").asText());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        User support =
                api.bank().userByUsername(DemoCredentials.NORTHWIND_SUPPORT).orElseThrow();

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(claims.getSubject()).isEqualTo(support.id().toString());
        assertThat(claims.getStringClaim("tenant")).isEqualTo("northwind");
        assertThat(claims.getStringListClaim("roles")).containsExactly("support");
        assertThat(claims.getAudience()).containsExactly("vigil-bank-api");
        assertThat(claims.getExpirationTime().toInstant())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(login.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(login.path("refreshToken").asText()).startsWith("rt_");
    }

    @Test
    void wrongPasswordIsRefusedWithProblemJsonThatDoesNotRevealWhetherTheUserExists() {
        HttpResponse<String> known =
                http.send("POST", "/api/v2/auth/login", "{\"username\":\"alice.northwind\",\"password\":\"nope\"}");
        HttpResponse<String> unknown =
                http.send("POST", "/api/v2/auth/login", "{\"username\":\"nobody\",\"password\":\"nope\"}");

        assertThat(known.statusCode()).isEqualTo(401);
        assertThat(known.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(TestHttp.json(known).path("type").asText()).endsWith("/invalid-credentials");
        assertThat(known.body()).doesNotContain("nope");
        assertThat(unknown.body()).isEqualTo(known.body().replace("alice.northwind", "nobody"));
    }

    @Test
    void refreshTokenWorksOnceThenIsRefused() {
        String refresh = http.login(DemoCredentials.HARBOR_CUSTOMER_1)
                .path("refreshToken")
                .asText();
        String body = "{\"refreshToken\":\"" + refresh + "\"}";

        HttpResponse<String> first = http.send("POST", "/api/v2/auth/refresh", body);
        HttpResponse<String> second = http.send("POST", "/api/v2/auth/refresh", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(first).path("accessToken").asText()).isNotEmpty();
        assertThat(second.statusCode()).isEqualTo(401);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejectedWhileTheRealOneIsAccepted() throws Exception {
        String real = http.token(DemoCredentials.NORTHWIND_CUSTOMER_1);
        SignedJWT forged = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256), SignedJWT.parse(real).getJWTClaimsSet());
        forged.sign(new MACSigner("an-attacker-chosen-key-of-32-bytes!!".getBytes()));

        assertThat(http.get("/api/v2/users/me", real).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v2/users/me", forged.serialize()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void expiredTokenIsRejected() {
        MutableClock local = new MutableClock(START);
        try (DemoApi own = DemoApi.start(DemoConfig.defaults().withClock(local))) {
            TestHttp client = new TestHttp(own);
            String token = client.token(DemoCredentials.NORTHWIND_CUSTOMER_2);
            assertThat(client.get("/api/v2/users/me", token).statusCode()).isEqualTo(200);

            local.advance(Duration.ofMinutes(16));

            HttpResponse<String> expired = client.get("/api/v2/users/me", token);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void partnerClientCredentialsGrantIssuesPartnerTokenAndRejectsBadSecret() throws Exception {
        assertThat(postForm("grant_type=password").statusCode()).isEqualTo(400);

        String form =
                "grant_type=client_credentials&client_id=" + DemoCredentials.PARTNER_CLIENT_ID + "&client_secret=";
        HttpResponse<String> issued = postForm(form + DemoCredentials.PARTNER_CLIENT_SECRET);
        HttpResponse<String> refused = postForm(form + "guess");

        assertThat(issued.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse(
                        TestHttp.json(issued).path("access_token").asText())
                .getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("vigil-bank-partner-api");
        assertThat(claims.getStringClaim("scope")).isEqualTo("payments:write rates:read");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(refused).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void partnerTokenIsNotAcceptedAsAUserToken() throws Exception {
        HttpResponse<String> issued = postForm("grant_type=client_credentials&client_id="
                + DemoCredentials.PARTNER_CLIENT_ID + "&client_secret=" + DemoCredentials.PARTNER_CLIENT_SECRET);
        String partnerToken = TestHttp.json(issued).path("access_token").asText();

        assertThat(http.get("/api/v2/accounts", partnerToken).statusCode()).isEqualTo(401);
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() throws Exception {
        String real = http.token(DemoCredentials.NORTHWIND_CUSTOMER_1);
        String unsigned = new PlainJWT(SignedJWT.parse(real).getJWTClaimsSet()).serialize();

        assertThat(http.get("/api/v2/users/me", unsigned).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> postForm(String form) {
        return http.send("POST", "/oauth/token", form, "Content-Type", "application/x-www-form-urlencoded");
    }
}
