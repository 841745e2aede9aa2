package dev.vigil.classify;

import java.util.Objects;

/** One data type recognised in a value (or a field), with a confidence in (0, 1]. */
public record Match(DataType type, double confidence) {
    public Match {
        Objects.requireNonNull(type, "type");
        if (!(confidence > 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1], was " + confidence);
        }
    }
}
