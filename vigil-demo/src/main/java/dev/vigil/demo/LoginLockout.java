package dev.vigil.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks a username for {@link #LOCK_FOR} after {@value #MAX_FAILURES} wrong passwords in a row
 * (secure mode; missing in vulnerable mode, a planted flaw). Counted per username, known or not, so
 * that the answer does not reveal which accounts exist; a successful login resets the count.
 */
final class LoginLockout {
    static final int MAX_FAILURES = 5;
    static final Duration LOCK_FOR = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private final boolean enabled;
    private final Clock clock;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    private record State(int failures, Instant lockedUntil) {}

    LoginLockout(boolean enabled, Clock clock) {
        this.enabled = enabled;
        this.clock = clock;
    }

    /** Refuses with 429 and {@code Retry-After} while the username is locked. */
    void checkNotLocked(String username, io.javalin.http.Context ctx) {
        if (!enabled) {
            return;
        }
        State s = states.get(key(username));
        Instant now = clock.instant();
        if (s != null && s.lockedUntil() != null && now.isBefore(s.lockedUntil())) {
            long seconds = Math.max(1, Duration.between(now, s.lockedUntil()).toSeconds());
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new ProblemException(
                    429,
                    "login-locked",
                    "Too many failed logins",
                    "Too many failed logins for this account; try again later.",
                    List.of());
        }
    }

    void failed(String username) {
        if (!enabled) {
            return;
        }
        if (states.size() > MAX_TRACKED) {
            states.clear();
        }
        states.compute(key(username), (k, s) -> {
            int failures = (s == null || s.lockedUntil() != null ? 0 : s.failures()) + 1;
            return failures >= MAX_FAILURES
                    ? new State(failures, clock.instant().plus(LOCK_FOR))
                    : new State(failures, null);
        });
    }

    void succeeded(String username) {
        states.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
