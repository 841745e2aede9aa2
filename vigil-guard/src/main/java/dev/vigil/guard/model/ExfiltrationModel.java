package dev.vigil.guard.model;

import dev.vigil.guard.detect.Detection;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, per caller, the sensitive records and the response-body bytes it received over a sliding
 * window (ten buckets of a tenth of the window each). A caller is flagged when its records pass the
 * absolute cap, or pass both {@code factor} times its own baseline and a minimum, or when its bytes
 * pass {@code maxBytes} (0 = off). The baseline is a moving average of the caller's earlier
 * full-window totals, so a bulk client with a steady high volume is its own normal.
 *
 * <p>One detection per caller and window; a flagged caller stays flagged ({@link #flagged}) for one
 * window, so its next requests can be refused inline. At most {@code trackedCallers} callers are
 * kept, the least recently active forgotten first ({@link #evictions} counts them). Counting takes
 * one lock; {@link #flagged} is lock-free because it runs inline on every request while anyone is
 * flagged.
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
    private final long maxBytes;
    private final int trackedCallers;
    private final LinkedHashMap<String, Caller> callers;
    private final ConcurrentHashMap<String, Flag> flags = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();

    private record Flag(long untilMillis, Detection detection) {}

    private static final class Caller {
        final long[] buckets = new long[BUCKETS];
        final long[] byteBuckets = new long[BUCKETS];
        long currentBucket;
        long windowStartBucket;
        long windowTotal;
        int windowsSeen;
        double baseline;
        long alertedUntilBucket = Long.MIN_VALUE;
    }

    public ExfiltrationModel(
            Duration window, long cap, double factor, long minRecords, int trackedCallers, Clock clock) {
        this(window, cap, factor, minRecords, 0, trackedCallers, clock);
    }

    public ExfiltrationModel(
            Duration window, long cap, double factor, long minRecords, long maxBytes, int trackedCallers, Clock clock) {
        this.clock = clock;
        this.window = window;
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
        this.cap = cap;
        this.factor = factor;
        this.minRecords = minRecords;
        this.maxBytes = maxBytes;
        this.trackedCallers = trackedCallers;
        this.callers = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Caller> eldest) {
                if (size() > trackedCallers) {
                    evictions.incrementAndGet();
                    return true;
                }
                return false;
            }
        };
    }

    /** Adds {@code records} sensitive records received by {@code caller} now; a detection when it is too many. */
    public synchronized Optional<Detection> received(String caller, long records) {
        long bucket = clock.millis() / bucketMillis;
        Caller c = caller(caller, bucket);
        c.buckets[(int) (bucket % BUCKETS)] += records;
        c.windowTotal += records;
        long sliding = sum(c.buckets);
        if (records == 0 || bucket < c.alertedUntilBucket) {
            return Optional.empty();
        }
        long baseline = Math.round(c.baseline);
        boolean overCap = cap > 0 && sliding > cap;
        boolean overBaseline = c.windowsSeen > 0 && sliding >= minRecords && sliding > Math.max(1, c.baseline) * factor;
        if (!overCap && !overBaseline) {
            return Optional.empty();
        }
        return Optional.of(flag(caller, c, bucket, new Detection.Exfiltration(caller, sliding, baseline, cap, window)));
    }

    /** Adds {@code bytes} of response body sent to {@code caller}; a detection when that passes {@code maxBytes}. */
    public synchronized Optional<Detection> responded(String caller, long bytes) {
        if (maxBytes <= 0 || bytes <= 0) {
            return Optional.empty();
        }
        long bucket = clock.millis() / bucketMillis;
        Caller c = caller(caller, bucket);
        c.byteBuckets[(int) (bucket % BUCKETS)] += bytes;
        long sliding = sum(c.byteBuckets);
        if (sliding <= maxBytes || bucket < c.alertedUntilBucket) {
            return Optional.empty();
        }
        return Optional.of(
                flag(caller, c, bucket, new Detection.ExfiltrationVolume(caller, sliding, maxBytes, window)));
    }

    /** The detection that flagged {@code caller}, while it is flagged (one window after it). */
    public Optional<Detection> flagged(String caller) {
        if (flags.isEmpty()) {
            return Optional.empty();
        }
        Flag f = flags.get(caller);
        if (f == null) {
            return Optional.empty();
        }
        if (clock.millis() >= f.untilMillis()) {
            flags.remove(caller, f);
            return Optional.empty();
        }
        return Optional.of(f.detection());
    }

    /** Whether any caller is flagged now (a cheap test before resolving who the caller is). */
    public boolean anyFlagged() {
        return !flags.isEmpty();
    }

    /** Callers forgotten because more than {@code trackedCallers} were active. */
    public long evictions() {
        return evictions.get();
    }

    /** Callers whose counts are kept now. */
    public synchronized int trackedCallers() {
        return callers.size();
    }

    private Detection flag(String caller, Caller c, long bucket, Detection d) {
        c.alertedUntilBucket = bucket + BUCKETS;
        long until = (bucket + BUCKETS) * bucketMillis;
        if (flags.size() >= trackedCallers) {
            long now = clock.millis();
            flags.values().removeIf(f -> f.untilMillis() <= now);
        }
        if (flags.size() < trackedCallers) {
            flags.put(caller, new Flag(until, d));
        }
        return d;
    }

    private Caller caller(String caller, long bucket) {
        Caller c = callers.computeIfAbsent(caller, k -> {
            Caller n = new Caller();
            n.currentBucket = bucket;
            n.windowStartBucket = bucket;
            return n;
        });
        advance(c, bucket);
        return c;
    }

    private static long sum(long[] buckets) {
        long total = 0;
        for (long b : buckets) {
            total += b;
        }
        return total;
    }

    private static void advance(Caller c, long bucket) {
        if (bucket > c.currentBucket) {
            long steps = Math.min(BUCKETS, bucket - c.currentBucket);
            for (long i = 1; i <= steps; i++) {
                int slot = (int) ((c.currentBucket + i) % BUCKETS);
                c.buckets[slot] = 0;
                c.byteBuckets[slot] = 0;
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
