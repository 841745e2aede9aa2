package dev.vigil.scan.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * Spaces requests to at most a rate. Time comes from the clock and waiting goes through the
 * {@link Sleeper}, so tests run unpaced or with a fake sleeper that advances a fake clock.
 */
public final class Pacer {
    /** How the pacer waits; production sleeps the (virtual) thread. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final long intervalNanos;
    private long nextNanos = Long.MIN_VALUE;

    public Pacer(Clock clock, Sleeper sleeper, double perSecond) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    public static Sleeper threadSleeper() {
        return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    }

    /** Blocks until the caller may send its next request. */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = nowNanos();
            long slot = nextNanos == Long.MIN_VALUE ? now : Math.max(now, nextNanos);
            nextNanos = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    private long nowNanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
