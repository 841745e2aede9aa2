package dev.vigil.discovery;

import java.util.Comparator;
import java.util.Objects;

/** Identity of an operation in the inventory: host (with non-default port), method and templated path. */
public record EndpointKey(String host, String method, String pathTemplate) implements Comparable<EndpointKey> {
    private static final Comparator<EndpointKey> ORDER = Comparator.comparing(EndpointKey::host)
            .thenComparing(EndpointKey::pathTemplate)
            .thenComparing(EndpointKey::method);

    public EndpointKey {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
    }

    @Override
    public int compareTo(EndpointKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return method + " " + host + pathTemplate;
    }
}
