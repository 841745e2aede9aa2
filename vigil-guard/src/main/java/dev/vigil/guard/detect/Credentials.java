package dev.vigil.guard.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the caller's credential from the Authorization header (Bearer JWT or opaque token, Basic)
 * or an API-key header. Parsed results are cached by header value, so a client reusing its token
 * costs one map lookup per request. Thread-safe.
 */
public final class Credentials {
    private static final Credential NONE = new Credential.None();
    private static final int MAX_CACHED = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Credential> cache = new ConcurrentHashMap<>();

    public Credential of(RequestHead head) {
        String auth = head.headers().get("authorization");
        if (auth != null && !auth.isBlank()) {
            return cached(auth);
        }
        String key = head.headers().get("x-api-key");
        if (key != null && !key.isBlank()) {
            return cached("ApiKey " + key);
        }
        return NONE;
    }

    private Credential cached(String value) {
        Credential c = cache.get(value);
        if (c == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            c = parse(value);
            cache.put(value, c);
        }
        return c;
    }

    static Credential parse(String header) {
        String v = header.trim();
        int space = v.indexOf(' ');
        String scheme = space > 0 ? v.substring(0, space).toLowerCase(Locale.ROOT) : "";
        String rest = space > 0 ? v.substring(space + 1).trim() : v;
        if (scheme.equals("basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return new Credential.Basic(colon >= 0 ? decoded.substring(0, colon) : decoded);
            } catch (IllegalArgumentException e) {
                return new Credential.Opaque(fingerprint(rest));
            }
        }
        String token = scheme.equals("bearer") || scheme.equals("apikey") ? rest : v;
        Credential jwt = jwt(token);
        return jwt != null ? jwt : new Credential.Opaque(fingerprint(token));
    }

    private static Credential jwt(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            return null;
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(b64.decode(token.substring(0, first)));
            JsonNode claims = JSON.readTree(b64.decode(token.substring(first + 1, second)));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                return null;
            }
            return new Credential.Jwt(
                    fingerprint(token),
                    header.path("alg").asText(""),
                    claims.path("sub").asText(""),
                    claims.path("exp").asLong(0));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    static String fingerprint(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
