package dev.vigil.scan.engine;

import dev.vigil.scan.http.Attempt;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verdict is judged on: the mutated attempt, the original observation it is compared with
 * (absent for passive tests), the value the mutation injected, and the out-of-band facts some
 * mutations establish (callback received, read-back shows the added fields, boolean differential,
 * burst without limit, late answers to injected delays, a runner's own proof).
 */
public record Probe(
        Attempt mutated,
        Optional<Observation> original,
        String injected,
        boolean callbackHit,
        boolean readBackHit,
        boolean booleanDifferential,
        boolean noRateLimit,
        boolean delayed,
        boolean proven) {
    public Probe {
        Objects.requireNonNull(mutated, "mutated");
        Objects.requireNonNull(original, "original");
        injected = injected == null ? "" : injected;
    }

    public static Probe of(Attempt mutated, Observation original) {
        return new Probe(mutated, Optional.ofNullable(original), "", false, false, false, false, false, false);
    }

    public Probe injecting(String value) {
        return new Probe(
                mutated, original, value, callbackHit, readBackHit, booleanDifferential, noRateLimit, delayed, proven);
    }

    public Probe withFacts(boolean callback, boolean readBack, boolean booleanDiff, boolean noLimit) {
        return new Probe(mutated, original, injected, callback, readBack, booleanDiff, noLimit, delayed, proven);
    }

    public Probe withDelay(boolean late) {
        return new Probe(
                mutated, original, injected, callbackHit, readBackHit, booleanDifferential, noRateLimit, late, proven);
    }

    /** The mutation's own oracle proved the flaw (see {@code Condition.Proven}). */
    public Probe withProof(boolean proof) {
        return new Probe(
                mutated,
                original,
                injected,
                callbackHit,
                readBackHit,
                booleanDifferential,
                noRateLimit,
                delayed,
                proof);
    }
}
