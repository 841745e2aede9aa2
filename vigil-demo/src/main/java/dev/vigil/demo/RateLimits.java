package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-caller token buckets in front of every route (secure mode only; a missing limit is one of the
 * vulnerable mode's planted flaws). A caller with a credential (bearer token or partner key) may
 * burst {@value #BURST} requests and sustains {@value #PER_SECOND} per second; anonymous callers are
 * counted per address with ten times that, since many users share an address. Beyond the limit: 429
 * with {@code Retry-After}.
 */
final class RateLimits {
    static final int BURST = 20;
    static final int PER_SECOND = 20;
    static final int ANONYMOUS_FACTOR = 10;
    private static final int MAX_CALLERS = 10_000;

    // Elapsed time, not the bank's business clock (which tests fix): limits are about real request rates.
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void install(Javalin app) {
        app.before(this::admit);
    }

    private void admit(Context ctx) {
        if (ctx.path().equals("/health")) {
            return;
        }
        if (buckets.size() > MAX_CALLERS) {
            buckets.clear();
        }
        long now = nanoTime.getAsLong();
        String caller = caller(ctx);
        int factor = caller.startsWith("ip:") ? ANONYMOUS_FACTOR : 1;
        Bucket bucket = buckets.computeIfAbsent(caller, k -> new Bucket(now, factor));
        if (!bucket.take(now)) {
            ctx.header("Retry-After", "1");
            throw new ProblemException(
                    429,
                    "rate-limited",
                    "Too many requests",
                    "Slow down: at most " + PER_SECOND + " requests per second per client.",
                    List.of());
        }
    }

    private static String caller(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && !auth.isBlank()) {
            return "auth:" + auth.hashCode();
        }
        String key = ctx.header("X-API-Key");
        if (key != null && !key.isBlank()) {
            return "key:" + key.hashCode();
        }
        return "ip:" + ctx.ip();
    }

    /** A token bucket; synchronised because one caller's requests may arrive on several threads. */
    private static final class Bucket {
        private final int factor;
        private double tokens;
        private long last;

        Bucket(long now, int factor) {
            this.last = now;
            this.factor = factor;
            this.tokens = BURST * factor;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(BURST * factor, tokens + (now - last) * PER_SECOND * factor / 1e9);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
