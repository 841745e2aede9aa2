package dev.vigil.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of an ingest source. {@code finishedAt} is empty while the run is going on; the counts
 * are zero until it finishes.
 */
public record IngestRun(
        long id, String source, Instant startedAt, Optional<Instant> finishedAt, long accepted, long quarantined) {
    public IngestRun {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
