package dev.vigil.scan.http;

import java.util.Objects;

/** A request sent as an identity (name, or "anonymous"/"tampered:..." for special senders) and its answer. */
public record Attempt(String identity, HttpCall call, HttpResult result) {
    public Attempt {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(result, "result");
    }
}
