package dev.vigil.guard.detect;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Data exfiltration by volume: flags a caller that received more than {@code maxBytes} of
 * response bodies within {@code window} (bulk export through paging, scraping). Volumes are kept
 * per caller in one-second buckets, so memory per caller is bounded by the window length; at most
 * 50,000 callers are tracked.
 */
public final class ExfiltrationDetector {
    private final long maxBytes;
    private final Duration window;
    private final Clock clock;
    private final LinkedHashMap<String, Volume> byCaller = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Volume> eldest) {
            return size() > 50_000;
        }
    };

    private static final class Volume {
        final ArrayDeque<long[]> buckets = new ArrayDeque<>();
        long total;
    }

    public ExfiltrationDetector(long maxBytes, Duration window, Clock clock) {
        this.maxBytes = maxBytes;
        this.window = window;
        this.clock = clock;
    }

    /** Adds {@code bytes} sent to {@code caller}; a detection when that pushes it over the limit. */
    public synchronized Optional<Detection> record(String caller, long bytes) {
        long second = clock.millis() / 1000;
        Volume v = byCaller.computeIfAbsent(caller, k -> new Volume());
        long before = trim(v, second);
        long[] last = v.buckets.peekLast();
        if (last != null && last[0] == second) {
            last[1] += bytes;
        } else {
            v.buckets.addLast(new long[] {second, bytes});
        }
        v.total += bytes;
        return before <= maxBytes && v.total > maxBytes ? Optional.of(detection(caller, v.total)) : Optional.empty();
    }

    /** A detection while {@code caller} is over the limit. */
    public synchronized Optional<Detection> check(String caller) {
        Volume v = byCaller.get(caller);
        if (v == null) {
            return Optional.empty();
        }
        long total = trim(v, clock.millis() / 1000);
        return total > maxBytes ? Optional.of(detection(caller, total)) : Optional.empty();
    }

    private long trim(Volume v, long second) {
        long oldest = second - window.toSeconds();
        while (!v.buckets.isEmpty() && v.buckets.peekFirst()[0] <= oldest) {
            v.total -= v.buckets.removeFirst()[1];
        }
        return v.total;
    }

    private Detection detection(String caller, long total) {
        return new Detection.ExcessiveData(caller, total, maxBytes, window);
    }
}
