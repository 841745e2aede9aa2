package dev.vigil.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies the demo bank's JWTs: HS256 user access tokens (for the bank API or, on
 * request, the Insights app: another audience of the same issuer), RS256 partner client-credential
 * tokens (public key in {@link PartnerKeys}), and the opaque refresh tokens (single-use unless vulnerable) that go
 * with user logins. The {@link AccessPolicy} decides the planted token flaws of vulnerable mode.
 */
final class TokenService {

    static final String ISSUER = "https://auth.vigil-bank.example";
    static final String USER_AUDIENCE = "vigil-bank-api";
    static final String PARTNER_AUDIENCE = "vigil-bank-partner-api";
    /** Another app of the same issuer: its tokens must not open the bank API. */
    static final String INSIGHTS_AUDIENCE = "vigil-bank-insights";
    /** The guessable secret of vulnerable mode (found in every JWT secret wordlist). */
    static final String WEAK_SECRET = "changeme";

    private static final Duration REFRESH_TTL = Duration.ofHours(8);

    private final byte[] secret;
    private final AccessPolicy policy;
    private final PartnerKeys partnerKeys;
    private final Clock clock;
    private final Duration accessTtl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RefreshGrant> refreshGrants = new HashMap<>();

    private record RefreshGrant(UUID userId, Instant expiresAt) {}

    /** A freshly issued access token with its lifetime. */
    record Issued(String token, long expiresInSeconds) {}

    TokenService(long seed, Clock clock, Duration accessTtl, AccessPolicy policy, PartnerKeys partnerKeys) {
        // HMAC pads short keys with zeros, so the padded weak secret signs exactly as the bare word
        // would (the padding only satisfies the library's 256-bit minimum)
        this.secret = policy.signsWithStrongSecret()
                ? deriveSecret(seed)
                : Arrays.copyOf(WEAK_SECRET.getBytes(StandardCharsets.UTF_8), 32);
        this.policy = policy;
        this.partnerKeys = partnerKeys;
        this.clock = clock;
        this.accessTtl = accessTtl;
    }

    Issued issueAccess(User user) {
        return issueAccess(user, USER_AUDIENCE);
    }

    /** An access token for the user, for the bank API or another audience of this issuer. */
    Issued issueAccess(User user, String audience) {
        List<String> roles = user.roles().stream().sorted().map(Role::wireName).toList();
        JWTClaimsSet.Builder claims = base(audience)
                .subject(user.id().toString())
                .claim("tenant", user.tenantId())
                .claim("roles", roles)
                .claim("preferred_username", user.username());
        return new Issued(sign(claims.build()), accessTtl.toSeconds());
    }

    Issued issuePartner(Partner partner) {
        JWTClaimsSet.Builder claims = base(PARTNER_AUDIENCE)
                .subject(partner.clientId())
                .claim("client_id", partner.clientId())
                .claim("tenant", partner.tenantId())
                .claim(
                        "scope",
                        String.join(" ", partner.scopes().stream().sorted().toList()));
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .type(JOSEObjectType.JWT)
                            .keyID(PartnerKeys.KEY_ID)
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(partnerKeys.privateKey()));
            return new Issued(jwt.serialize(), accessTtl.toSeconds());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a partner token", e);
        }
    }

    synchronized String issueRefresh(User user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        // Drop expired grants here so a long demo session does not grow the map without bound.
        refreshGrants.values().removeIf(g -> !now.isBefore(g.expiresAt()));
        refreshGrants.put(token, new RefreshGrant(user.id(), now.plus(REFRESH_TTL)));
        return token;
    }

    /**
     * Consumes a refresh token (it cannot be used twice) and returns whose it was, if still valid.
     * Vulnerable mode keeps the token valid after use ({@link AccessPolicy#consumesRefreshTokens}), so a
     * stolen refresh token keeps minting access tokens even after its owner has used it.
     */
    synchronized Optional<UUID> redeemRefresh(String token) {
        RefreshGrant grant = policy.consumesRefreshTokens() ? refreshGrants.remove(token) : refreshGrants.get(token);
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant.userId());
    }

    /** The caller a user access token proves, or empty when it is malformed, forged, expired or for another audience. */
    Optional<Caller.Person> verifyUser(String token) {
        return verified(token, USER_AUDIENCE, policy.checksTokenAudience(), this::userSignature)
                .flatMap(claims -> {
                    try {
                        Set<Role> roles = EnumSet.noneOf(Role.class);
                        List<String> names = claims.getStringListClaim("roles");
                        for (String name : names == null ? List.<String>of() : names) {
                            roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
                        }
                        return Optional.of(new Caller.Person(
                                UUID.fromString(claims.getSubject()), claims.getStringClaim("tenant"), roles));
                    } catch (ParseException | IllegalArgumentException | NullPointerException e) {
                        return Optional.empty();
                    }
                });
    }

    /** The partner a client-credentials token proves, or empty. */
    Optional<Caller.PartnerApp> verifyPartner(String token) {
        return verified(token, PARTNER_AUDIENCE, true, this::partnerSignature).flatMap(claims -> {
            try {
                String scope = claims.getStringClaim("scope");
                return Optional.of(new Caller.PartnerApp(
                        claims.getSubject(),
                        claims.getStringClaim("tenant"),
                        Set.of(scope == null ? new String[0] : scope.split(" "))));
            } catch (ParseException | NullPointerException e) {
                return Optional.empty();
            }
        });
    }

    /** User tokens: HS256 pinned, so a token cannot choose how it is checked. */
    private boolean userSignature(SignedJWT jwt) throws JOSEException {
        return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) && jwt.verify(new MACVerifier(secret));
    }

    /**
     * Partner tokens: RS256 pinned. Vulnerable mode reproduces the classic mistake of passing the
     * public key to a verifier that takes the algorithm from the token: HS256 with the PEM as secret.
     */
    private boolean partnerSignature(SignedJWT jwt) throws JOSEException {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (JWSAlgorithm.RS256.equals(alg)) {
            return jwt.verify(new RSASSAVerifier(partnerKeys.publicKey()));
        }
        return policy.partnerAlgorithmFromToken()
                && JWSAlgorithm.HS256.equals(alg)
                && jwt.verify(new MACVerifier(partnerKeys.pem()));
    }

    /** How a token's signature is checked. */
    @FunctionalInterface
    private interface SignatureCheck {
        boolean verify(SignedJWT jwt) throws JOSEException;
    }

    private Optional<JWTClaimsSet> verified(
            String token, String audience, boolean checkAudience, SignatureCheck signature) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!signature.verify(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            boolean fresh = exp != null && clock.instant().isBefore(exp.toInstant());
            boolean forUs = ISSUER.equals(claims.getIssuer())
                    && (!checkAudience
                            || (claims.getAudience() != null
                                    && claims.getAudience().contains(audience)));
            return fresh && forUs ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private JWTClaimsSet.Builder base(String audience) {
        Instant now = clock.instant();
        byte[] jti = new byte[12];
        synchronized (this) {
            random.nextBytes(jti);
        }
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(accessTtl)))
                .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(jti));
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static byte[] deriveSecret(long seed) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("vigil-demo-signing-key:" + seed).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
