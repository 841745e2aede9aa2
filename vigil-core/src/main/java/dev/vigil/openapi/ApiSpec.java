package dev.vigil.openapi;

import java.util.List;
import java.util.Objects;

/**
 * A documented API as imported from one OpenAPI file: where it came from, its title and version
 * ({@code info.version}), its server URLs (variables substituted with their defaults) and every
 * operation with its full path (server base path included).
 */
public record ApiSpec(
        String source, String title, String version, List<String> servers, List<SpecOperation> operations) {
    public ApiSpec {
        Objects.requireNonNull(source, "source");
        title = Objects.requireNonNullElse(title, "");
        version = Objects.requireNonNullElse(version, "");
        servers = List.copyOf(servers);
        operations = List.copyOf(operations);
    }
}
