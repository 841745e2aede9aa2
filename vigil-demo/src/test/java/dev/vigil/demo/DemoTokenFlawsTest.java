package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The token and login flaws planted in vulnerable mode (weak secret, audience unchecked, partner
 * algorithm confusion, no lockout), each next to the secure behaviour that must refuse it.
 */
class DemoTokenFlawsTest {

    // one demo per mode for the whole class: start-up (with its RSA key) is the slow part
    private static final java.util.Map<DemoMode, DemoApi> APIS = new java.util.EnumMap<>(DemoMode.class);

    @org.junit.jupiter.api.BeforeAll
    static void start() {
        for (DemoMode mode : DemoMode.values()) {
            APIS.put(mode, DemoApi.start(DemoConfig.defaults().withMode(mode)));
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        APIS.values().forEach(DemoApi::close);
    }

    private static final String PARTNER_FORM = "grant_type=client_credentials&client_id="
            + DemoCredentials.PARTNER_CLIENT_ID + "&client_secret=" + DemoCredentials.PARTNER_CLIENT_SECRET;

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void userTokensAreSignedWithTheWordlistSecretOnlyInVulnerableMode(DemoMode mode) throws Exception {
        {
            DemoApi api = APIS.get(mode);
            SignedJWT jwt = SignedJWT.parse(new TestHttp(api).token(DemoCredentials.NORTHWIND_CUSTOMER_1));
            byte[] weak = Arrays.copyOf(TokenService.WEAK_SECRET.getBytes(StandardCharsets.UTF_8), 32);
            assertThat(jwt.verify(new MACVerifier(weak))).isEqualTo(mode == DemoMode.VULNERABLE);
        }
    }

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void aUsedRefreshTokenMintsAnotherAccessTokenOnlyInVulnerableMode(DemoMode mode) {
        TestHttp http = new TestHttp(APIS.get(mode));
        String refresh = http.login(DemoCredentials.HARBOR_CUSTOMER_1)
                .path("refreshToken")
                .asText();
        String body = "{\"refreshToken\":\"" + refresh + "\"}";

        HttpResponse<String> first = http.send("POST", "/api/v2/auth/refresh", body);
        HttpResponse<String> second = http.send("POST", "/api/v2/auth/refresh", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(mode == DemoMode.VULNERABLE ? 200 : 401);
    }

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void insightsTokenOpensTheBankApiOnlyInVulnerableMode(DemoMode mode) {
        {
            DemoApi api = APIS.get(mode);
            TestHttp http = new TestHttp(api);
            HttpResponse<String> login = http.send(
                    "POST",
                    "/api/v2/auth/login",
                    "{\"username\":\"" + DemoCredentials.NORTHWIND_CUSTOMER_1 + "\",\"password\":\""
                            + DemoCredentials.PASSWORD + "\",\"audience\":\"vigil-bank-insights\"}");
            assertThat(login.statusCode()).isEqualTo(200);
            String insights = TestHttp.json(login).path("accessToken").asText();

            assertThat(http.get("/api/v2/users/me", insights).statusCode())
                    .isEqualTo(mode == DemoMode.VULNERABLE ? 200 : 401);
        }
    }

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void partnerTokensAreRs256AndHs256WithThePublicKeyPassesOnlyInVulnerableMode(DemoMode mode) throws Exception {
        {
            DemoApi api = APIS.get(mode);
            TestHttp http = new TestHttp(api);
            String token = TestHttp.json(http.send(
                            "POST", "/oauth/token", PARTNER_FORM, "Content-Type", "application/x-www-form-urlencoded"))
                    .path("access_token")
                    .asText();
            SignedJWT jwt = SignedJWT.parse(token);
            RSAKey key = (RSAKey) JWKSet.parse(
                            http.send("GET", "/.well-known/jwks.json", null).body())
                    .getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'})
                            .encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), jwt.getJWTClaimsSet());
            forged.sign(new MACSigner(pem.getBytes(StandardCharsets.US_ASCII)));

            assertThat(http.get("/api/partner/v1/rates", token).statusCode()).isEqualTo(200);
            assertThat(http.get("/api/partner/v1/rates", forged.serialize()).statusCode())
                    .isEqualTo(mode == DemoMode.VULNERABLE ? 200 : 401);
        }
    }

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void repeatedWrongPasswordsLockTheAccountOnlyInSecureMode(DemoMode mode) {
        {
            DemoApi api = APIS.get(mode);
            TestHttp http = new TestHttp(api);
            for (int i = 0; i < LoginLockout.MAX_FAILURES; i++) {
                assertThat(login(http, DemoCredentials.LOCKOUT_PROBE, "wrong-" + i)
                                .statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> correct = login(http, DemoCredentials.LOCKOUT_PROBE, DemoCredentials.PASSWORD);
            if (mode == DemoMode.SECURE) {
                assertThat(correct.statusCode()).isEqualTo(429);
                assertThat(correct.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(correct.statusCode()).isEqualTo(200);
            }
            // other accounts are not affected
            JsonNode other = TestHttp.json(login(http, DemoCredentials.NORTHWIND_CUSTOMER_2, DemoCredentials.PASSWORD));
            assertThat(other.path("accessToken").asText()).isNotEmpty();
        }
    }

    private static HttpResponse<String> login(TestHttp http, String username, String password) {
        return http.send(
                "POST", "/api/v2/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }
}
