package dev.vigil.guard.detect;

import java.util.Objects;

/**
 * What the guard knows about a request when its head arrives, before the body: enough for every
 * inline check. {@code rawQuery} is undecoded and without '?', or empty.
 */
public record RequestHead(
        String route, String method, String path, String rawQuery, String sourceAddress, HeaderLookup headers) {
    public RequestHead {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(headers, "headers");
    }

    /** A header value or the empty string. */
    public String header(String name) {
        String v = headers.get(name);
        return v == null ? "" : v;
    }
}
