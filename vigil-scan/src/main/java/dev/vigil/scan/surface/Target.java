package dev.vigil.scan.surface;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a scan aims at: a base URL, the operations to test in a stable order (path, then method),
 * and the documented links between operations (OpenAPI {@code links}).
 */
public record Target(URI baseUrl, List<Operation> operations, List<OperationLink> links) {
    public Target(URI baseUrl, List<Operation> operations) {
        this(baseUrl, operations, List.of());
    }

    public Target {
        links = List.copyOf(links);
        Objects.requireNonNull(baseUrl, "baseUrl");
        operations = operations.stream()
                .sorted(Comparator.comparing(Operation::pathTemplate).thenComparing(Operation::method))
                .toList();
    }

    public String host() {
        return baseUrl.getPort() > 0 ? baseUrl.getHost() + ":" + baseUrl.getPort() : baseUrl.getHost();
    }
}
