package dev.vigil.traffic;

import java.util.Objects;

/**
 * An input record that could not become an {@link Exchange}: kept with where it came from and why,
 * so nothing is silently dropped. {@code excerpt} is a short, redacted prefix of the raw record.
 */
public record Quarantined(String source, long position, String reason, String excerpt) {
    public Quarantined {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        excerpt = excerpt == null ? "" : excerpt;
    }
}
