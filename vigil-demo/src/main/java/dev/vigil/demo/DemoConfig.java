package dev.vigil.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Start-up settings of the demo API.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param mode secure or (later) deliberately vulnerable behaviour
 * @param seed seeds the in-memory bank, so the same seed yields the same users, accounts and cards
 * @param clock time source for token expiry and booking timestamps
 * @param accessTokenTtl lifetime of issued access tokens
 */
public record DemoConfig(int port, DemoMode mode, long seed, Clock clock, Duration accessTokenTtl) {

    public static final long DEFAULT_SEED = 20_260_101L;

    public DemoConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("accessTokenTtl must be positive, was " + accessTokenTtl);
        }
    }

    /** Secure mode on a free port, the default seed, the system clock and 15-minute tokens. */
    public static DemoConfig defaults() {
        return new DemoConfig(0, DemoMode.SECURE, DEFAULT_SEED, Clock.systemUTC(), Duration.ofMinutes(15));
    }

    public DemoConfig withPort(int newPort) {
        return new DemoConfig(newPort, mode, seed, clock, accessTokenTtl);
    }

    public DemoConfig withMode(DemoMode newMode) {
        return new DemoConfig(port, newMode, seed, clock, accessTokenTtl);
    }

    public DemoConfig withSeed(long newSeed) {
        return new DemoConfig(port, mode, newSeed, clock, accessTokenTtl);
    }

    public DemoConfig withClock(Clock newClock) {
        return new DemoConfig(port, mode, seed, newClock, accessTokenTtl);
    }
}
