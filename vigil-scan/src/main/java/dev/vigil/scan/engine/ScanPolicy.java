package dev.vigil.scan.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Safety limits of a scan. Only hosts in {@code allowedHosts} (host or host:port) are ever
 * contacted; destructive methods (POST, PUT, PATCH, DELETE, also when requested through a method
 * override header) only when {@code allowDestructive}; at most {@code maxRequests} requests at
 * {@code requestsPerSecond} (0 = unpaced) with {@code concurrency} in flight; {@code dryRun} plans
 * without sending anything.
 */
public record ScanPolicy(
        Set<String> allowedHosts,
        boolean allowDestructive,
        int maxRequests,
        double requestsPerSecond,
        int concurrency,
        boolean dryRun,
        Duration callbackWait) {
    public ScanPolicy {
        allowedHosts = Set.copyOf(allowedHosts);
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be positive");
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive");
        }
        Objects.requireNonNull(callbackWait, "callbackWait");
    }

    /** Safe defaults for a target host: read-only, 5000 requests, 20 per second, 4 in flight. */
    public static ScanPolicy safeDefaults(String host) {
        return new ScanPolicy(Set.of(host), false, 5000, 20, 4, false, Duration.ofSeconds(3));
    }

    public ScanPolicy withDestructive(boolean allow) {
        return new ScanPolicy(allowedHosts, allow, maxRequests, requestsPerSecond, concurrency, dryRun, callbackWait);
    }

    public ScanPolicy withDryRun(boolean dry) {
        return new ScanPolicy(
                allowedHosts, allowDestructive, maxRequests, requestsPerSecond, concurrency, dry, callbackWait);
    }

    public ScanPolicy withMaxRequests(int max) {
        return new ScanPolicy(
                allowedHosts, allowDestructive, max, requestsPerSecond, concurrency, dryRun, callbackWait);
    }

    public ScanPolicy withRate(double perSecond) {
        return new ScanPolicy(
                allowedHosts, allowDestructive, maxRequests, perSecond, concurrency, dryRun, callbackWait);
    }

    public ScanPolicy withCallbackWait(Duration wait) {
        return new ScanPolicy(
                allowedHosts, allowDestructive, maxRequests, requestsPerSecond, concurrency, dryRun, wait);
    }

    public static boolean destructive(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            default -> true;
        };
    }
}
