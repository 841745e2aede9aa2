package dev.vigil.scan.engine;

import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import java.util.Objects;
import java.util.Set;

/**
 * An original request answered twice for one identity: the first attempt is the reference, the
 * paths whose values changed between the two answers are volatile (timestamps, nonces) and are
 * ignored when comparing a mutated answer with the reference. {@code plainCall} is the request
 * without credentials, for replaying as another identity.
 */
public record Observation(Attempt attempt, HttpCall plainCall, Set<String> volatilePaths) {
    public Observation {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(plainCall, "plainCall");
        volatilePaths = Set.copyOf(volatilePaths);
    }

    public boolean succeeded() {
        return Verdicts.effectiveSuccess(attempt.result());
    }

    public boolean denied() {
        return attempt.result().denied();
    }
}
