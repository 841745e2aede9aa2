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
        int firstId = PathTemplates.firstIdSegment(path);
        if (firstId < 0) {
            return Optional.empty();
        }
        // The key is "caller method template", built at once; the endpoint is its part after the caller.
        StringBuilder key = new StringBuilder(caller.length() + method.length() + path.length() + 8)
                .append(caller)
                .append(' ')
                .append(method)
                .append(' ');
        String ids = PathTemplates.appendTemplate(key, path, firstId);
        int distinct = seen.add(key.toString(), ids, nowMillis);
        if (distinct > maxDistinctIds) {
            return Optional.of(new Detection.Enumeration(key.substring(caller.length() + 1), caller, distinct, window));
        }
        return Optional.empty();
    }
}
