package dev.vigil.guard.detect;

import dev.vigil.guard.detect.Detection.TokenProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Flags tokens used as no legitimate client would: a JWT with {@code alg: none}, a JWT past its
 * {@code exp} (with {@code leeway} for clock skew; the upstream should refuse it, so seeing it means
 * replay or a client probing validation), and one token presented from more than
 * {@code maxSourcesPerToken} source addresses within {@code window} (a leaked or shared token).
 */
public final class TokenMisuseDetector {
    private final int maxSourcesPerToken;
    private final Duration leeway;
    private final Clock clock;
    private final WindowedSets sources;

    public TokenMisuseDetector(int maxSourcesPerToken, Duration window, Duration leeway, Clock clock) {
        this.maxSourcesPerToken = maxSourcesPerToken;
        this.leeway = leeway;
        this.clock = clock;
        this.sources = new WindowedSets(window.toMillis(), 50_000, maxSourcesPerToken + 1);
    }

    /** Tokens and sources forgotten at the memory caps. */
    public long evictions() {
        return sources.evictions();
    }

    public Optional<Detection> inspect(Credential credential, String sourceAddress) {
        String fingerprint;
        switch (credential) {
            case Credential.Jwt jwt -> {
                String alg = jwt.algorithm().toLowerCase(Locale.ROOT);
                if (alg.isEmpty() || alg.equals("none")) {
                    return Optional.of(new Detection.TokenMisuse(
                            TokenProblem.ALG_NONE, jwt.fingerprint(), "unsigned JWT (alg none)"));
                }
                long now = clock.millis();
                if (jwt.expiresAtEpochSeconds() > 0 && jwt.expiresAtEpochSeconds() * 1000 + leeway.toMillis() < now) {
                    return Optional.of(new Detection.TokenMisuse(
                            TokenProblem.EXPIRED, jwt.fingerprint(), "JWT used after its exp"));
                }
                fingerprint = jwt.fingerprint();
            }
            case Credential.Opaque opaque -> fingerprint = opaque.fingerprint();
            case Credential.Basic basic -> {
                return Optional.empty();
            }
            case Credential.None none -> {
                return Optional.empty();
            }
        }
        int distinct = sources.add(fingerprint, sourceAddress, clock.millis());
        if (distinct > maxSourcesPerToken) {
            return Optional.of(new Detection.TokenMisuse(
                    TokenProblem.SHARED_ACROSS_SOURCES,
                    fingerprint,
                    "presented from " + distinct + " source addresses"));
        }
        return Optional.empty();
    }
}
