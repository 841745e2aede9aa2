package dev.vigil.guard.detect;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Flags a caller that requests more than {@code maxDistinctIds} distinct object ids on one
 * templated endpoint ({@code GET /users/{id}}) within {@code window}: the traffic shape of IDOR
 * probing and scraping. Every request past the threshold is flagged until the window slides.
 */
public final class EnumerationDetector {
    private final int maxDistinctIds;
    private final Duration window;
    private final Clock clock;
    private final WindowedSets seen;

    public EnumerationDetector(int maxDistinctIds, Duration window, Clock clock) {
        if (maxDistinctIds < 1) {
            throw new IllegalArgumentException("maxDistinctIds must be >= 1");
        }
        this.maxDistinctIds = maxDistinctIds;
        this.window = window;
        this.clock = clock;
        this.seen = new WindowedSets(window.toMillis(), 50_000, maxDistinctIds + 1);
    }

    /** Callers, endpoints and ids forgotten at the memory caps. */
    public long evictions() {
        return seen.evictions();
    }

    public Optional<Detection> observe(String caller, String method, String path) {
        return observe(caller, method, path, clock.millis());
    }

    /** As {@link #observe(String, String, String)}, at {@code nowMillis} read from this detector's clock. */
    public Optional<Detection> observe(String caller, String method, String path, long nowMillis) {
        String[] split = PathTemplates.split(path);
        if (split == null) {
            return Optional.empty();
        }
        int distinct = seen.add(caller + " " + method + " " + split[0], split[1], nowMillis);
        if (distinct > maxDistinctIds) {
            return Optional.of(new Detection.Enumeration(method + " " + split[0], caller, distinct, window));
        }
        return Optional.empty();
    }
}
