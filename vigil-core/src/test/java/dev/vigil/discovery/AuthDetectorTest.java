package dev.vigil.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthDetectorTest {
    private static final byte[] HMAC_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final AuthDetector detector = new AuthDetector(AuthConfig.defaults());

    private static String jwt(JWTClaimsSet claims) {
        try {
            SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            signed.sign(new MACSigner(HMAC_KEY));
            return signed.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private AuthObservation detect(Exchanges e) {
        return detector.detect(e.build());
    }

    @Test
    void requestWithoutCredentialsIsNone() {
        AuthObservation auth = detect(Exchanges.get("/v1/items").header("Accept", "application/json"));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.None());
        assertThat(auth.principal()).isEmpty();
        assertThat(auth.authenticated()).isFalse();
    }

    @Test
    void basicAuthenticationNamesTheUser() {
        String creds = Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8));
        AuthObservation auth = detect(Exchanges.get("/").header("Authorization", "Basic " + creds));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.Basic());
        assertThat(auth.principal()).contains(new Principal("alice", "basic", List.of()));
        assertThat(auth.principal().orElseThrow().id()).doesNotContain("wonderland");
    }

    @Test
    void basicWithUndecodableCredentialsHasNoPrincipal() {
        AuthObservation auth = detect(Exchanges.get("/").header("Authorization", "Basic !!notbase64!!"));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.Basic());
        assertThat(auth.principal()).isEmpty();
    }

    @Test
    void bearerJwtIsDecodedIntoSchemeAndPrincipalWithoutVerification() {
        String token = jwt(new JWTClaimsSet.Builder()
                .issuer("https://id.example.com/realms/shop")
                .audience(List.of("orders-api", "account"))
                .subject("user-4711")
                .claim("scope", "openid orders:read")
                .claim("scp", List.of("orders:write"))
                .claim("roles", List.of("customer"))
                .claim("groups", "beta")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "customer")))
                .expirationTime(new Date(1_900_000_000_000L))
                .build());
        AuthObservation auth = detect(Exchanges.get("/").header("authorization", "Bearer " + token));
        assertThat(auth.schemes())
                .containsExactly(new AuthScheme.Jwt(
                        "HS256",
                        "https://id.example.com/realms/shop",
                        List.of("orders-api", "account"),
                        List.of("openid", "orders:read", "orders:write")));
        assertThat(auth.principal())
                .contains(new Principal("user-4711", "jwt", List.of("customer", "beta", "offline_access")));
    }

    @Test
    void clientCredentialsJwtWithoutSubjectIsNamedByItsClient() {
        String token =
                jwt(new JWTClaimsSet.Builder().claim("azp", "svc-billing").build());
        AuthObservation auth = detect(Exchanges.get("/").header("Authorization", "Bearer " + token));
        assertThat(auth.principal()).map(Principal::id).contains("svc-billing");
    }

    @Test
    void opaqueBearerIsFingerprintedNeverKept() {
        String token = "2YotnFZFEjr1zCsicMWpAA";
        AuthObservation auth = detect(Exchanges.get("/").header("Authorization", "Bearer " + token));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.OpaqueBearer());
        Principal principal = auth.principal().orElseThrow();
        assertThat(principal.id()).matches("tok:[0-9a-f]{12}").doesNotContain(token);
        assertThat(principal.kind()).isEqualTo("token");
        assertThat(detect(Exchanges.get("/other").header("Authorization", "Bearer " + token))
                        .principal())
                .as("stable")
                .contains(principal);
        assertThat(detect(Exchanges.get("/").header("Authorization", "Bearer " + token + "x"))
                        .principal())
                .as("distinct per token")
                .isNotEqualTo(auth.principal());
    }

    @Test
    void dottedBearerThatIsNotAJwtStaysOpaque() {
        assertThat(detect(Exchanges.get("/").header("Authorization", "Bearer abc.def.ghi"))
                        .schemes())
                .containsExactly(new AuthScheme.OpaqueBearer());
        assertThat(detect(Exchanges.get("/").header("Authorization", "Bearer eyJub3QganNvbg.eyJzdWIiOiJ4In0.c2ln"))
                        .schemes())
                .as("header segment is not JSON")
                .containsExactly(new AuthScheme.OpaqueBearer());
    }

    @Test
    void placeholderBearerIsNotACredential() {
        assertThat(detect(Exchanges.get("/").header("Authorization", "Bearer undefined"))
                        .schemes())
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.get("/").header("Authorization", "Bearer")).schemes())
                .containsExactly(new AuthScheme.None());
    }

    @Test
    void otherAuthorizationSchemesAreHeaderKeysWithStablePrincipals() {
        AuthObservation token =
                detect(Exchanges.get("/").header("Authorization", "Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"));
        assertThat(token.schemes()).containsExactly(new AuthScheme.ApiKey(ParameterLocation.HEADER, "authorization"));
        String sigV4 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260501/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=";
        var first = detect(Exchanges.get("/").header("Authorization", sigV4 + "aaaa"))
                .principal();
        var second = detect(Exchanges.get("/").header("Authorization", sigV4 + "bbbb"))
                .principal();
        assertThat(first).isPresent().isEqualTo(second);
    }

    @Test
    void listedApiKeyHeaderIsDetectedWhateverItsValue() {
        AuthObservation auth = detect(Exchanges.get("/").header("X-API-Key", "k_live_2b7e1516"));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.ApiKey(ParameterLocation.HEADER, "x-api-key"));
        assertThat(auth.principal().orElseThrow().id()).startsWith("key:");
        assertThat(detect(Exchanges.get("/").header("X-API-Key", "")).schemes()).containsExactly(new AuthScheme.None());
    }

    @Test
    void configuredHeaderNamesAreApiKeysOnlyWhenConfigured() {
        Exchanges e = Exchanges.get("/").header("X-Tenant-Secret", "hunter2");
        assertThat(detect(e).schemes()).containsExactly(new AuthScheme.None());
        AuthDetector configured = new AuthDetector(AuthConfig.defaults().withApiKeyHeaders("X-Tenant-Secret"));
        assertThat(configured.detect(e.build()).schemes())
                .containsExactly(new AuthScheme.ApiKey(ParameterLocation.HEADER, "x-tenant-secret"));
    }

    @Test
    void unlistedCredentialHeaderNeedsAGeneratedValue() {
        assertThat(detect(Exchanges.get("/").header("X-Shopify-Access-Token", "shpat_1a2b3c4d5e6f7a8b9c0d1e2f"))
                        .schemes())
                .containsExactly(new AuthScheme.ApiKey(ParameterLocation.HEADER, "x-shopify-access-token"));
        assertThat(detect(Exchanges.get("/").header("X-Shopify-Access-Token", "true"))
                        .schemes())
                .containsExactly(new AuthScheme.None());
    }

    @Test
    void csrfAndRequestIdHeadersAreNotCredentials() {
        AuthObservation auth = detect(Exchanges.get("/")
                .header("X-CSRF-Token", "f3a9c2b1d4e5f60718293a4b5c6d7e8f")
                .header("X-Request-Id", "0b6e4c8a-1f2d-4e3b-9a7c-5d6e7f8a9b0c"));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.None());
    }

    @Test
    void queryApiKeysAreDetectedButWordsUnderAmbiguousNamesAreNot() {
        assertThat(detect(Exchanges.get("/maps").query("api_key=abc123&q=x")).schemes())
                .containsExactly(new AuthScheme.ApiKey(ParameterLocation.QUERY, "api_key"));
        assertThat(detect(Exchanges.get("/geocode").query("key=AIzaSyD3x4mpleKey0123456789abcdEFGH"))
                        .schemes())
                .containsExactly(new AuthScheme.ApiKey(ParameterLocation.QUERY, "key"));
        assertThat(detect(Exchanges.get("/search").query("q=shoes&key=sort")).schemes())
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.get("/search").query("key=created_at_descending_order"))
                        .schemes())
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.get("/search").query("access_token=")).schemes())
                .containsExactly(new AuthScheme.None());
    }

    @Test
    void sessionCookiesByNameAndConventionButNotPreferences() {
        AuthObservation java =
                detect(Exchanges.get("/").header("Cookie", "theme=dark; JSESSIONID=9A1B2C3D4E5F60718293A4B5C6D7E8F9"));
        assertThat(java.schemes()).containsExactly(new AuthScheme.SessionCookie("JSESSIONID"));
        assertThat(java.principal().orElseThrow().id()).startsWith("ses:");
        assertThat(detect(Exchanges.get("/").header("Cookie", "_shop_session=Zm9vYmFyYmF6cXV4MTIz"))
                        .schemes())
                .containsExactly(new AuthScheme.SessionCookie("_shop_session"));
        assertThat(detect(Exchanges.get("/").header("Cookie", "theme=dark; lang=en"))
                        .schemes())
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.get("/")
                                .header("Cookie", "csrftoken=a1b2c3d4e5f6a7b8c9d0; session_csrf=abcdef123456"))
                        .schemes())
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.get("/").header("Cookie", "sid=deleted")).schemes())
                .containsExactly(new AuthScheme.None());
    }

    @Test
    void configuredSessionCookieIsDetected() {
        Exchanges e = Exchanges.get("/").header("Cookie", "ACME_AUTH=opaque-value-123");
        assertThat(detect(e).schemes()).containsExactly(new AuthScheme.None());
        assertThat(new AuthDetector(AuthConfig.defaults().withSessionCookies("acme_auth"))
                        .detect(e.build())
                        .schemes())
                .containsExactly(new AuthScheme.SessionCookie("ACME_AUTH"));
    }

    @Test
    void jwtInAnUnnamedCookieIsASessionIdentifyingItsSubject() {
        String token = jwt(new JWTClaimsSet.Builder().subject("bob").build());
        AuthObservation auth = detect(Exchanges.get("/").header("Cookie", "auth=" + token));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.SessionCookie("auth"));
        assertThat(auth.principal()).map(Principal::id).contains("bob");
    }

    @Test
    void httpOnlyCookieSetByALoginIsASession() {
        Header setCookie = new Header("Set-Cookie", "AUTHSTATE=Qm9iJ3Mgc2Vzc2lvbg; Path=/; HttpOnly; Secure");
        assertThat(detect(Exchanges.post("/account/login")
                                .body("application/x-www-form-urlencoded", "username=bob&password=x")
                                .response(302, "", "", setCookie))
                        .schemes())
                .containsExactly(new AuthScheme.SessionCookie("AUTHSTATE"));
        assertThat(detect(Exchanges.get("/products").response(200, "text/html", "", setCookie))
                        .schemes())
                .as("not a login")
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.post("/account/login")
                                .response(302, "", "", new Header("Set-Cookie", "theme=dark; Path=/")))
                        .schemes())
                .as("not HttpOnly, not session-named")
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.post("/logout")
                                .response(
                                        200,
                                        "",
                                        "",
                                        new Header("Set-Cookie", "JSESSIONID=; Max-Age=0; Path=/; HttpOnly")))
                        .schemes())
                .as("cleared")
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.post("/login").response(401, "", "", setCookie))
                        .schemes())
                .as("failed login")
                .containsExactly(new AuthScheme.None());
    }

    @Test
    void oauth2TokenEndpointFromGrantTypeForm() {
        AuthObservation auth = detect(Exchanges.post("/oauth/token")
                .body(
                        "application/x-www-form-urlencoded",
                        "grant_type=client_credentials&client_id=svc-billing&scope=read")
                .response(
                        200,
                        "application/json",
                        "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.OAuth2TokenEndpoint(List.of("client_credentials")));
        assertThat(auth.principal()).contains(new Principal("svc-billing", "oauth2-client", List.of()));
    }

    @Test
    void oauth2TokenEndpointFromTokenResponseAlone() {
        AuthObservation auth = detect(Exchanges.post("/connect/token")
                .body("application/json", "{\"refresh\":true}")
                .response(200, "application/json", "{\"access_token\":\"x\",\"token_type\":\"Bearer\"}"));
        assertThat(auth.schemes()).containsExactly(new AuthScheme.OAuth2TokenEndpoint(List.of()));
    }

    @Test
    void formsAndJsonThatOnlyMentionTokensAreNotTokenEndpoints() {
        assertThat(detect(Exchanges.post("/signup").body("application/x-www-form-urlencoded", "name=grant_type_fan"))
                        .schemes())
                .containsExactly(new AuthScheme.None());
        assertThat(detect(Exchanges.get("/settings/tokens")
                                .response(200, "application/json", "{\"access_token\":\"last used 2 days ago\"}"))
                        .schemes())
                .containsExactly(new AuthScheme.None());
    }

    @Test
    void reportsEverySchemeARequestCarriesWithTheStrongestPrincipal() {
        String token = jwt(new JWTClaimsSet.Builder().subject("carol").build());
        AuthObservation auth = detect(Exchanges.get("/")
                .header("X-API-Key", "k_test_1234567890")
                .header("Authorization", "Bearer " + token)
                .header("Cookie", "PHPSESSID=0123456789abcdef0123"));
        assertThat(auth.schemes())
                .containsExactly(
                        new AuthScheme.Jwt("HS256", "", List.of(), List.of()),
                        new AuthScheme.ApiKey(ParameterLocation.HEADER, "x-api-key"),
                        new AuthScheme.SessionCookie("PHPSESSID"));
        assertThat(auth.principal()).map(Principal::id).contains("carol");
    }
}
