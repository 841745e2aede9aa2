package dev.vigil.guard.detect;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per caller (Bucket4j): {@code requests} per {@code period}, refilled greedily, so a
 * caller may burst up to {@code requests} and then continues at the average rate. Time comes from
 * the injected clock. At most {@code maxCallers} callers are tracked (least recently seen go first,
 * counted in {@link #evictions}); a forgotten caller starts again with a full bucket.
 */
public final class RateLimiter {
    private final long requests;
    private final Duration period;
    private final TimeMeter time;
    private final LinkedHashMap<String, Bucket> buckets;
    private final AtomicLong evictions = new AtomicLong();

    public RateLimiter(long requests, Duration period, Clock clock) {
        this(requests, period, clock, 100_000);
    }

    public RateLimiter(long requests, Duration period, Clock clock, int maxCallers) {
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                if (size() > maxCallers) {
                    evictions.incrementAndGet();
                    return true;
                }
                return false;
            }
        };
        if (requests < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rate limit needs requests >= 1 and a positive period");
        }
        this.requests = requests;
        this.period = period;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Callers forgotten because more than the cap were tracked. */
    public long evictions() {
        return evictions.get();
    }

    /** Callers tracked now. */
    public int callers() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** Takes one token for {@code caller}; a detection when none is left. */
    public Optional<Detection> acquire(String caller) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(caller, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
                    .withCustomTimePrecision(time)
                    .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return Optional.of(new Detection.RateExceeded(caller, seconds));
    }
}
