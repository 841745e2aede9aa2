package dev.vigil.scan.surface;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a scan aims at: a base URL, the operations to test in a stable order (path, then method),
 * the documented links between operations (OpenAPI {@code links}), and the hosts
 * ({@code host[:port]}, sorted) where the inventory saw this API answer that neither the base URL
 * nor the spec names.
 */
public record Target(URI baseUrl, List<Operation> operations, List<OperationLink> links, List<String> otherHosts) {
    public Target(URI baseUrl, List<Operation> operations) {
        this(baseUrl, operations, List.of());
    }

    public Target(URI baseUrl, List<Operation> operations, List<OperationLink> links) {
        this(baseUrl, operations, links, List.of());
    }

    public Target {
        links = List.copyOf(links);
        otherHosts = otherHosts.stream().sorted().distinct().toList();
        Objects.requireNonNull(baseUrl, "baseUrl");
        operations = operations.stream()
                .sorted(Comparator.comparing(Operation::pathTemplate).thenComparing(Operation::method))
                .toList();
    }

    public String host() {
        return baseUrl.getPort() > 0 ? baseUrl.getHost() + ":" + baseUrl.getPort() : baseUrl.getHost();
    }
}
