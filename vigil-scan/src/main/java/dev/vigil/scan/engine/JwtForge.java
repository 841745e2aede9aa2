package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads and re-signs JWS compact tokens for the authentication tests: HMAC signing with any key
 * bytes (also shorter than the JOSE minimum, since weak secrets are the point), the encodings a
 * confused verifier may use for a public key, and an offline check of an HMAC signature against
 * candidate secrets.
 */
final class JwtForge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private JwtForge() {}

    /** A parsed JWS: header and claims as JSON, the raw parts. */
    record Jws(ObjectNode header, ObjectNode claims, String encodedHeader, String encodedClaims, byte[] signature) {
        String alg() {
            return header.path("alg").asText("");
        }

        String signingInput() {
            return encodedHeader + "." + encodedClaims;
        }

        /** The {@code aud} claim as a set (a string or an array); empty when absent. */
        Set<String> audience() {
            JsonNode aud = claims.path("aud");
            if (aud.isTextual()) {
                return Set.of(aud.asText());
            }
            Set<String> out = new java.util.TreeSet<>();
            aud.forEach(a -> out.add(a.asText()));
            return out;
        }

        String issuer() {
            return claims.path("iss").asText("");
        }
    }

    static Optional<Jws> parse(String token) {
        if (!JwtTamper.isJwt(token)) {
            return Optional.empty();
        }
        String[] p = token.split("\\.");
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(p[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(p[1]));
            if (!(header instanceof ObjectNode h) || !(claims instanceof ObjectNode c)) {
                return Optional.empty();
            }
            return Optional.of(new Jws(h, c, p[0], p[1], Base64.getUrlDecoder().decode(p[2])));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The JCA name of an HMAC JWS algorithm, or empty for other algorithms. */
    static Optional<String> hmac(String alg) {
        return switch (alg) {
            case "HS256" -> Optional.of("HmacSHA256");
            case "HS384" -> Optional.of("HmacSHA384");
            case "HS512" -> Optional.of("HmacSHA512");
            default -> Optional.empty();
        };
    }

    static boolean asymmetric(String alg) {
        String a = alg.toUpperCase(Locale.ROOT);
        return a.startsWith("RS") || a.startsWith("ES") || a.startsWith("PS");
    }

    /** The token with the same header (but {@code alg}) and the given claims, HMAC-signed with {@code key}. */
    static String sign(Jws original, String alg, ObjectNode claims, byte[] key) {
        ObjectNode header = original.header().deepCopy();
        header.put("alg", alg);
        String input = encode(header) + "." + encode(claims);
        return input + "." + B64URL.encodeToString(mac(alg, key, input));
    }

    /** The first candidate secret whose HMAC of the signing input is the token's signature. */
    static Optional<String> crack(Jws jws, List<String> candidates) {
        Optional<String> jca = hmac(jws.alg());
        if (jca.isEmpty()) {
            return Optional.empty();
        }
        String input = jws.signingInput();
        for (String candidate : candidates) {
            byte[] key = candidate.getBytes(StandardCharsets.UTF_8);
            if (key.length > 0 && MessageDigest.isEqual(mac(jws.alg(), key, input), jws.signature())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The byte strings a verifier that treats a public key as an HMAC secret is likely to use: the
     * X.509 SubjectPublicKeyInfo as PEM text with and without a trailing newline, and as DER.
     */
    static List<byte[]> publicKeyEncodings(PublicKey key) {
        byte[] der = key.getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----";
        List<byte[]> out = new ArrayList<>();
        out.add((pem + "\n").getBytes(StandardCharsets.US_ASCII));
        out.add(pem.getBytes(StandardCharsets.US_ASCII));
        out.add(der);
        return out;
    }

    /** Redacted form of a secret for reports: its first character and its length, never more. */
    static String redacted(String secret) {
        return secret.isEmpty() ? "(empty)" : "'" + secret.charAt(0) + "…' (" + secret.length() + " characters)";
    }

    private static String encode(JsonNode node) {
        return B64URL.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(String alg, byte[] key, String input) {
        String jca = hmac(alg).orElseThrow(() -> new IllegalArgumentException("not an HMAC algorithm"));
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }
}
