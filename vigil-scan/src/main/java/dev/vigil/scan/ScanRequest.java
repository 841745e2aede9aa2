package dev.vigil.scan;

import dev.vigil.discovery.Endpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Inputs of one scan, as the CLI collects them. {@code baseUrl} may be null when the spec has a
 * server URL. The target's host is always in scope; {@code extraHosts} adds more (an identity
 * provider). {@code onlyTests} empty means every enabled test.
 */
public record ScanRequest(
        URI baseUrl,
        Optional<Path> openApiSpec,
        List<Endpoint> inventory,
        Optional<Path> identitiesFile,
        List<Path> catalogFiles,
        List<String> onlyTests,
        Map<String, String> samples,
        Set<String> extraHosts,
        boolean allowDestructive,
        int maxRequests,
        double requestsPerSecond,
        int concurrency,
        boolean dryRun,
        Optional<Path> baselineFile,
        Optional<Path> suppressionsFile,
        Severity failOn,
        Optional<URI> callbackBase) {
    public ScanRequest {
        Objects.requireNonNull(openApiSpec, "openApiSpec");
        inventory = List.copyOf(inventory);
        Objects.requireNonNull(identitiesFile, "identitiesFile");
        catalogFiles = List.copyOf(catalogFiles);
        onlyTests = List.copyOf(onlyTests);
        samples = Map.copyOf(samples);
        extraHosts = Set.copyOf(extraHosts);
        Objects.requireNonNull(baselineFile, "baselineFile");
        Objects.requireNonNull(suppressionsFile, "suppressionsFile");
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(callbackBase, "callbackBase");
    }

    /** A read-only scan with safe defaults: 5000 requests at 20/s, 4 in flight, failing on high. */
    public static ScanRequest of(URI baseUrl, Optional<Path> spec, Optional<Path> identities) {
        return new ScanRequest(
                baseUrl,
                spec,
                List.of(),
                identities,
                List.of(),
                List.of(),
                Map.of(),
                Set.of(),
                false,
                5000,
                20,
                4,
                false,
                Optional.empty(),
                Optional.empty(),
                Severity.HIGH,
                Optional.empty());
    }
}
