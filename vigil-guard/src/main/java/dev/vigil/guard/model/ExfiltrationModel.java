package dev.vigil.guard.model;

import dev.vigil.guard.detect.Detection;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts, per caller, the sensitive records it received over a sliding window (ten buckets of a
 * tenth of the window each) and flags a caller whose count passes the absolute cap, or passes both
 * {@code factor} times its own baseline and a minimum. The baseline is a moving average of the
 * caller's earlier full-window totals, so a bulk client with a steady high volume is its own normal.
 * One detection per caller and window. At most {@code trackedCallers} callers are kept, the least
 * recently active forgotten first. Thread-safe (one lock; it runs on the capture thread).
 */
public final class ExfiltrationModel {
    private static final int BUCKETS = 10;
    private static final double ALPHA = 0.3;

    private final Clock clock;
    private final long bucketMillis;
    private final Duration window;
    private final long cap;
    private final double factor;
    private final long minRecords;
    private final LinkedHashMap<String, Caller> callers;

    private static final class Caller {
        final long[] buckets = new long[BUCKETS];
        long currentBucket;
        long windowStartBucket;
        long windowTotal;
        int windowsSeen;
        double baseline;
        long alertedUntilBucket = Long.MIN_VALUE;
    }

    public ExfiltrationModel(
            Duration window, long cap, double factor, long minRecords, int trackedCallers, Clock clock) {
        this.clock = clock;
        this.window = window;
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
        this.cap = cap;
        this.factor = factor;
        this.minRecords = minRecords;
        this.callers = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Caller> eldest) {
                return size() > trackedCallers;
            }
        };
    }

    /** Adds {@code records} sensitive records received by {@code caller} now; a detection when it is too many. */
    public synchronized Optional<Detection> received(String caller, long records) {
        long bucket = clock.millis() / bucketMillis;
        Caller c = callers.computeIfAbsent(caller, k -> {
            Caller n = new Caller();
            n.currentBucket = bucket;
            n.windowStartBucket = bucket;
            return n;
        });
        advance(c, bucket);
        c.buckets[(int) (bucket % BUCKETS)] += records;
        c.windowTotal += records;
        long sliding = 0;
        for (long b : c.buckets) {
            sliding += b;
        }
        if (records == 0 || bucket < c.alertedUntilBucket) {
            return Optional.empty();
        }
        long baseline = Math.round(c.baseline);
        boolean overCap = cap > 0 && sliding > cap;
        boolean overBaseline = c.windowsSeen > 0 && sliding >= minRecords && sliding > Math.max(1, c.baseline) * factor;
        if (!overCap && !overBaseline) {
            return Optional.empty();
        }
        c.alertedUntilBucket = bucket + BUCKETS;
        return Optional.of(new Detection.Exfiltration(caller, sliding, baseline, cap, window));
    }

    private static void advance(Caller c, long bucket) {
        if (bucket > c.currentBucket) {
            long steps = Math.min(BUCKETS, bucket - c.currentBucket);
            for (long i = 1; i <= steps; i++) {
                c.buckets[(int) ((c.currentBucket + i) % BUCKETS)] = 0;
            }
            c.currentBucket = bucket;
        }
        // Baseline from whole windows that ended; quiet windows after the first count as zero.
        long ended = (bucket - c.windowStartBucket) / BUCKETS;
        if (ended > 0) {
            c.baseline = c.windowsSeen == 0 ? c.windowTotal : ALPHA * c.windowTotal + (1 - ALPHA) * c.baseline;
            c.baseline *= Math.pow(1 - ALPHA, Math.min(ended - 1, 1000));
            c.windowsSeen = (int) Math.min(c.windowsSeen + ended, 1_000_000L);
            c.windowTotal = 0;
            c.windowStartBucket += ended * BUCKETS;
        }
    }
}
