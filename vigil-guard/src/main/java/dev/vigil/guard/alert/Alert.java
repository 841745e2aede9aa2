package dev.vigil.guard.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One guard decision about one request: what was detected and what was done. All text is already
 * redacted ({@code evidence} never contains tokens or long secrets; {@code path} has no query).
 *
 * @param sequence increasing number within one guard process
 * @param action what the guard did: monitored, blocked, throttled, or detected-after-forwarding
 *     (body findings, known only once the request had been streamed upstream)
 */
public record Alert(
        long sequence,
        Instant at,
        String route,
        String action,
        String type,
        String evidence,
        String source,
        String caller,
        String method,
        String path) {
    public Alert {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }
}
