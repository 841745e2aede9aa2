package dev.vigil.discovery;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a JWT says about itself without verifying it: Vigil observes traffic, it does not
 * trust it, so the claims describe the scheme and the caller, never an authorization decision.
 */
final class JwtInspection {
    /** Claims that carry roles or groups in common identity providers (Keycloak, Cognito, Auth0, Entra). */
    private static final List<String> ROLE_CLAIMS = List.of("roles", "groups", "cognito:groups", "permissions");
    /** Who the token was issued to when it has no subject (client-credentials tokens). */
    private static final List<String> CLIENT_CLAIMS = List.of("azp", "client_id", "appid", "cid");

    record Inspected(AuthScheme.Jwt scheme, Principal principal) {}

    private JwtInspection() {}

    static Optional<Inspected> inspect(String token) {
        if (!Credentials.looksLikeJwt(token)) {
            return Optional.empty();
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | IllegalArgumentException notAJwt) {
            return Optional.empty();
        }
        Algorithm alg = jwt.getHeader().getAlgorithm();
        String algName = alg == null ? "" : alg.getName();
        if (jwt instanceof EncryptedJWT) {
            // Claims of an encrypted token are unreadable; the algorithm still names the scheme.
            return Optional.of(new Inspected(
                    new AuthScheme.Jwt(algName, "", List.of(), List.of()),
                    new Principal(Credentials.fingerprint("tok", token), "jwt", List.of())));
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException notJsonClaims) {
            return Optional.empty();
        }
        List<String> scopes = new ArrayList<>(strings(claims.getClaim("scope")));
        scopes.addAll(strings(claims.getClaim("scp")));
        Set<String> roles = new LinkedHashSet<>();
        for (String claim : ROLE_CLAIMS) {
            roles.addAll(strings(claims.getClaim(claim)));
        }
        if (claims.getClaim("realm_access") instanceof Map<?, ?> realm) {
            roles.addAll(strings(realm.get("roles")));
        }
        AuthScheme.Jwt scheme = new AuthScheme.Jwt(
                algName,
                claims.getIssuer(),
                claims.getAudience() == null ? List.of() : claims.getAudience(),
                List.copyOf(new LinkedHashSet<>(scopes)));
        return Optional.of(new Inspected(scheme, new Principal(subject(claims, token), "jwt", List.copyOf(roles))));
    }

    private static String subject(JWTClaimsSet claims, String token) {
        if (claims.getSubject() != null && !claims.getSubject().isBlank()) {
            return claims.getSubject();
        }
        for (String claim : CLIENT_CLAIMS) {
            if (claims.getClaim(claim) instanceof String client && !client.isBlank()) {
                return client;
            }
        }
        return Credentials.fingerprint("tok", token);
    }

    /** A space-separated string (OAuth2 scope) or a list of strings. */
    private static List<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof String s) {
            for (String part : s.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        } else if (claim instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
