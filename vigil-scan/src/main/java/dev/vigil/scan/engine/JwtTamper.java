package dev.vigil.scan.engine;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.vigil.scan.catalog.Mutation;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Builds damaged versions of a token for the broken-authentication tests. JWT variants need a
 * three-part JWS; they keep the claims so an accepting server behaves as for the real token.
 */
public final class JwtTamper {
    private JwtTamper() {}

    public static boolean isJwt(String token) {
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 && parts[0].startsWith("eyJ") && !parts[2].isEmpty();
    }

    /** The tampered token, or empty when the variant does not apply to this token. */
    public static Optional<String> tamper(String token, Mutation.TamperVariant variant, Instant now) {
        return switch (variant) {
            case INVALID_TOKEN -> Optional.of(invalid(token));
            case JWT_ALG_NONE -> isJwt(token) ? Optional.of(algNone(token)) : Optional.empty();
            case JWT_STRIP_SIGNATURE -> isJwt(token) ? Optional.of(stripped(token)) : Optional.empty();
            case JWT_EXPIRED -> isJwt(token) ? expired(token, now) : Optional.empty();
        };
    }

    /** Same shape, wrong content: a JWT keeps header and claims with a corrupted signature. */
    static String invalid(String token) {
        if (isJwt(token)) {
            String[] p = token.split("\\.");
            char[] sig = p[2].toCharArray();
            for (int i = 0; i < Math.min(sig.length, 8); i++) {
                sig[i] = sig[i] == 'A' ? 'B' : 'A';
            }
            return p[0] + "." + p[1] + "." + new String(sig);
        }
        StringBuilder out = new StringBuilder();
        for (char c : token.toCharArray()) {
            out.append(
                    Character.isDigit(c)
                            ? (char) ('0' + (c - '0' + 7) % 10)
                            : Character.isLetter(c) ? (c == 'x' ? 'y' : 'x') : c);
        }
        return out.toString();
    }

    static String algNone(String token) {
        String[] p = token.split("\\.");
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + p[1] + ".";
    }

    static String stripped(String token) {
        String[] p = token.split("\\.");
        return p[0] + "." + p[1] + ".";
    }

    static Optional<String> expired(String token, Instant now) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            JWTClaimsSet past = new JWTClaimsSet.Builder(claims)
                    .expirationTime(Date.from(now.minusSeconds(3600)))
                    .issueTime(Date.from(now.minusSeconds(7200)))
                    .build();
            String[] p = token.split("\\.");
            return Optional.of(p[0] + "." + Base64URL.encode(past.toString()) + "." + p[2]);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
