package dev.vigil.scan.engine;

import dev.vigil.scan.http.Attempt;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verdict is judged on: the mutated attempt, the original observation it is compared with
 * (absent for passive tests), the value the mutation injected, and the out-of-band facts some
 * mutations establish (callback received, read-back shows the added fields, boolean differential,
 * burst without limit, late answers to injected delays).
 */
public record Probe(
        Attempt mutated,
        Optional<Observation> original,
        String injected,
        boolean callbackHit,
        boolean readBackHit,
        boolean booleanDifferential,
        boolean noRateLimit,
        boolean delayed) {
    public Probe {
        Objects.requireNonNull(mutated, "mutated");
        Objects.requireNonNull(original, "original");
        injected = injected == null ? "" : injected;
    }

    public static Probe of(Attempt mutated, Observation original) {
        return new Probe(mutated, Optional.ofNullable(original), "", false, false, false, false, false);
    }

    public Probe injecting(String value) {
        return new Probe(mutated, original, value, callbackHit, readBackHit, booleanDifferential, noRateLimit, delayed);
    }

    public Probe withFacts(boolean callback, boolean readBack, boolean booleanDiff, boolean noLimit) {
        return new Probe(mutated, original, injected, callback, readBack, booleanDiff, noLimit, delayed);
    }

    public Probe withDelay(boolean late) {
        return new Probe(mutated, original, injected, callbackHit, readBackHit, booleanDifferential, noRateLimit, late);
    }
}
