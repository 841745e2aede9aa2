package dev.vigil.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.scan.TestServer.Req;
import dev.vigil.scan.TestServer.Res;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An API with user logins (HS256 tokens), partner client credentials (RS256 tokens with a JWKS)
 * and a second audience of the same issuer, with the authentication flaws of the API2 checks
 * switchable; without flaws it is their safe twin: a strong HMAC secret, the algorithm pinned per
 * token type, the audience checked and logins locked (429 with Retry-After) after five failures.
 */
public final class AuthBank implements AutoCloseable {
    public enum Flaw {
        /** User tokens are signed with a secret from common wordlists. */
        WEAK_SECRET,
        /** The partner verifier takes the algorithm from the token: HS256 keyed with the PEM public key passes. */
        KEY_CONFUSION,
        /** The user verifier ignores {@code aud}. */
        AUDIENCE_UNCHECKED,
        /** Failed logins are never throttled. */
        NO_LOCKOUT,
        /**
         * No signature is checked at all: any forged token passes, so the token tests must leave it
         * to auth-invalid-token instead of claiming key confusion, a weak secret or a foreign audience.
         */
        SIGNATURE_NOT_VERIFIED
    }

    /** Where the partner keys are published. */
    public enum KeyDiscovery {
        /** {@code /.well-known/jwks.json}. */
        WELL_KNOWN,
        /** Only through the {@code jwks_uri} of {@code /.well-known/openid-configuration}. */
        OPENID_CONFIGURATION,
        /** Only at {@code /keys/partner.json}, which nothing announces (the identity must name it). */
        UNANNOUNCED
    }

    static final String ISSUER = "https://auth.authbank.test";
    static final String WEAK = "supersecret";
    public static final int LOCK_AFTER = 5;
    private static final KeyPair RSA = rsa();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PASSWORDS = Map.of("alice", "alice-pw", "bob", "bob-pw", "lou", "lou-pw");

    public static final String SPEC = """
            openapi: 3.0.3
            info: {title: AuthBank, version: "1"}
            security: [{bearer: []}]
            paths:
              /login:
                post:
                  security: []
                  requestBody: {content: {application/json: {schema: {type: object, properties: {username: {type: string, example: nobody}, password: {type: string, example: x}}}}}}
                  responses: {"200": {description: ok}}
              /me:
                get: {responses: {"200": {description: ok}}}
              /partner/rates:
                get: {responses: {"200": {description: ok}}}
              /health:
                get:
                  security: []
                  responses: {"200": {description: ok}}
            components:
              securitySchemes: {bearer: {type: http, scheme: bearer}}
            """;

    public static final String IDENTITIES = """
            identities:
              - name: alice
                auth:
                  type: login
                  vars: {password: "alice-pw"}
                  steps: [{url: /login, body: {username: alice, password: "${password}"}, extract: {token: {from: body, pointer: /token}}}]
              - name: bob
                auth:
                  type: login
                  vars: {password: "bob-pw"}
                  steps: [{url: /login, body: {username: bob, password: "${password}"}, extract: {token: {from: body, pointer: /token}}}]
              - name: lou
                lockoutProbe: true
                auth:
                  type: login
                  vars: {username: lou, password: "lou-pw"}
                  steps: [{url: /login, body: {username: "${username}", password: "${password}"}, extract: {token: {from: body, pointer: /token}}}]
              - name: partner
                auth: {type: oauth2-client-credentials, tokenUrl: /partner/token, clientId: ledger, clientSecret: ledger-secret}
              - name: alice-insights
                foreignAudience: true
                auth:
                  type: login
                  vars: {password: "alice-pw"}
                  steps: [{url: /login, body: {username: alice, password: "${password}", audience: bank-insights}, extract: {token: {from: body, pointer: /token}}}]
            """;

    private final Set<Flaw> flaws;
    private final KeyDiscovery discovery;
    private final byte[] secret;
    private final TestServer server;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> logins = new ConcurrentHashMap<>();

    public AuthBank(Set<Flaw> flaws) {
        this(flaws, KeyDiscovery.WELL_KNOWN);
    }

    public AuthBank(Set<Flaw> flaws, KeyDiscovery discovery) {
        this.discovery = discovery;
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        this.secret = this.flaws.contains(Flaw.WEAK_SECRET)
                ? WEAK.getBytes(StandardCharsets.UTF_8)
                : "authbank-strong-secret-7c1e9a44d2b85f3069ea1d7b4c2f8e51".getBytes(StandardCharsets.UTF_8);
        server = new TestServer(this::handle);
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    /** Login requests with a wrong password received per user name (throttled ones included). */
    public int wrongPasswords(String username) {
        return logins.getOrDefault(username, new AtomicInteger()).get();
    }

    private Res handle(Req req) {
        String route = req.method() + " " + req.path();
        return switch (route) {
            case "GET /health" -> Res.json(200, "{\"status\":\"UP\"}");
            case "GET /.well-known/jwks.json" -> keys(KeyDiscovery.WELL_KNOWN);
            case "GET /.well-known/openid-configuration" ->
                discovery == KeyDiscovery.OPENID_CONFIGURATION
                        ? Res.json(200, "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + baseUrl() + "/oauth/keys\"}")
                        : Res.json(404, "{\"error\":\"not found\"}");
            case "GET /oauth/keys" -> keys(KeyDiscovery.OPENID_CONFIGURATION);
            case "GET /keys/partner.json" -> keys(KeyDiscovery.UNANNOUNCED);
            case "POST /login" -> login(req);
            case "POST /partner/token" -> partnerToken(req);
            case "GET /me" ->
                userClaims(req)
                        .map(c -> Res.json(
                                200, "{\"user\":\"" + c.getSubject() + "\",\"plan\":\"gold\",\"limits\":[1,2,3]}"))
                        .orElse(Res.json(401, "{\"error\":\"unauthorized\"}"));
            case "GET /partner/rates" ->
                partnerClaims(req)
                        .map(c -> Res.json(200, "{\"base\":\"EUR\",\"rates\":{\"USD\":1.08,\"GBP\":0.85}}"))
                        .orElse(Res.json(401, "{\"error\":\"unauthorized\"}"));
            default -> Res.json(404, "{\"error\":\"not found\"}");
        };
    }

    private Res keys(KeyDiscovery servedFor) {
        return discovery == servedFor
                ? Res.json(
                        200,
                        new JWKSet(new RSAKey.Builder((RSAPublicKey) RSA.getPublic())
                                        .keyID("k1")
                                        .build())
                                .toString())
                : Res.json(404, "{\"error\":\"not found\"}");
    }

    private Res login(Req req) {
        JsonNode body;
        try {
            body = JSON.readTree(req.body());
        } catch (java.io.IOException e) {
            return Res.json(400, "{\"error\":\"bad json\"}");
        }
        String user = body.path("username").asText("");
        if (!body.path("password").asText("").equals(PASSWORDS.get(user))) {
            logins.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
        }
        AtomicInteger failed = failures.computeIfAbsent(user, k -> new AtomicInteger());
        if (!flaws.contains(Flaw.NO_LOCKOUT) && failed.get() >= LOCK_AFTER) {
            return Res.json(429, "{\"error\":\"too many failed logins\"}").with("Retry-After", "900");
        }
        if (!body.path("password").asText("").equals(PASSWORDS.get(user))) {
            failed.incrementAndGet();
            return Res.json(401, "{\"error\":\"invalid credentials\"}");
        }
        failed.set(0);
        String audience = body.path("audience").asText("bank-api");
        if (!Set.of("bank-api", "bank-insights").contains(audience)) {
            return Res.json(400, "{\"error\":\"unknown audience\"}");
        }
        JWTClaimsSet claims = claims(user, audience);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(padded(secret)));
            return Res.json(200, "{\"token\":\"" + jwt.serialize() + "\"}");
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Res partnerToken(Req req) {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString("ledger:ledger-secret".getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(req.header("authorization"))) {
            return Res.json(401, "{\"error\":\"invalid_client\"}");
        }
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                    claims("ledger", "bank-partner-api"));
            jwt.sign(new RSASSASigner((RSAPrivateKey) RSA.getPrivate()));
            return Res.json(
                    200, "{\"access_token\":\"" + jwt.serialize() + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claims(String subject, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)))
                .build();
    }

    private java.util.Optional<JWTClaimsSet> userClaims(Req req) {
        return parse(req)
                .filter(jwt -> {
                    try {
                        if (flaws.contains(Flaw.SIGNATURE_NOT_VERIFIED)) {
                            return true;
                        }
                        return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                                && jwt.verify(new MACVerifier(padded(secret)));
                    } catch (JOSEException e) {
                        return false;
                    }
                })
                .flatMap(jwt -> valid(jwt, "bank-api", !flaws.contains(Flaw.AUDIENCE_UNCHECKED)));
    }

    private java.util.Optional<JWTClaimsSet> partnerClaims(Req req) {
        return parse(req)
                .filter(jwt -> {
                    try {
                        if (flaws.contains(Flaw.SIGNATURE_NOT_VERIFIED)) {
                            return true;
                        }
                        if (JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                            return jwt.verify(new RSASSAVerifier((RSAPublicKey) RSA.getPublic()));
                        }
                        // the classic bug: "verify(token, publicKeyPem)" lets an HS256 token use the PEM text as secret
                        return flaws.contains(Flaw.KEY_CONFUSION)
                                && JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                                && jwt.verify(new MACVerifier(pem().getBytes(StandardCharsets.US_ASCII)));
                    } catch (JOSEException e) {
                        return false;
                    }
                })
                .flatMap(jwt -> valid(jwt, "bank-partner-api", true));
    }

    private static java.util.Optional<JWTClaimsSet> valid(SignedJWT jwt, String audience, boolean checkAudience) {
        try {
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            boolean fresh = c.getExpirationTime() != null
                    && Instant.now().isBefore(c.getExpirationTime().toInstant());
            boolean forUs = !checkAudience
                    || (c.getAudience() != null && c.getAudience().contains(audience));
            return fresh && forUs && ISSUER.equals(c.getIssuer())
                    ? java.util.Optional.of(c)
                    : java.util.Optional.empty();
        } catch (java.text.ParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<SignedJWT> parse(Req req) {
        String h = req.header("authorization");
        if (!h.startsWith("Bearer ")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(SignedJWT.parse(h.substring(7)));
        } catch (java.text.ParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** The public key as a PEM file would hold it (64-character lines, trailing newline). */
    static String pem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(RSA.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Nimbus refuses HMAC keys under 256 bits; a weak secret is still the whole key for HS256
     * (HMAC pads short keys with zeros), so padding with zero bytes yields the same signatures.
     */
    private static byte[] padded(byte[] key) {
        return key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The flaws each token or login test must find (not {@link Flaw#SIGNATURE_NOT_VERIFIED}, which hides them). */
    public static List<Flaw> all() {
        return List.of(Flaw.WEAK_SECRET, Flaw.KEY_CONFUSION, Flaw.AUDIENCE_UNCHECKED, Flaw.NO_LOCKOUT);
    }

    @Override
    public void close() {
        server.close();
    }
}
