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
        return builder()
                .baseUrl(baseUrl)
                .spec(spec.orElse(null))
                .identities(identities.orElse(null))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects options one by one (as a CLI parses them); starts from the safe defaults of {@link #of}. */
    public static final class Builder {
        private URI baseUrl;
        private Path spec;
        private List<Endpoint> inventory = List.of();
        private Path identities;
        private List<Path> catalogFiles = List.of();
        private List<String> onlyTests = List.of();
        private Map<String, String> samples = Map.of();
        private Set<String> extraHosts = Set.of();
        private boolean allowDestructive;
        private int maxRequests = 5000;
        private double requestsPerSecond = 20;
        private int concurrency = 4;
        private boolean dryRun;
        private Path baseline;
        private Path suppressions;
        private Severity failOn = Severity.HIGH;
        private URI callbackBase;

        private Builder() {}

        public Builder baseUrl(URI v) {
            baseUrl = v;
            return this;
        }

        public Builder spec(Path v) {
            spec = v;
            return this;
        }

        public Builder inventory(List<Endpoint> v) {
            inventory = v;
            return this;
        }

        public Builder identities(Path v) {
            identities = v;
            return this;
        }

        public Builder catalogFiles(List<Path> v) {
            catalogFiles = v;
            return this;
        }

        public Builder onlyTests(List<String> v) {
            onlyTests = v;
            return this;
        }

        public Builder samples(Map<String, String> v) {
            samples = v;
            return this;
        }

        public Builder extraHosts(Set<String> v) {
            extraHosts = v;
            return this;
        }

        public Builder allowDestructive(boolean v) {
            allowDestructive = v;
            return this;
        }

        public Builder maxRequests(int v) {
            maxRequests = v;
            return this;
        }

        public Builder requestsPerSecond(double v) {
            requestsPerSecond = v;
            return this;
        }

        public Builder concurrency(int v) {
            concurrency = v;
            return this;
        }

        public Builder dryRun(boolean v) {
            dryRun = v;
            return this;
        }

        public Builder baseline(Path v) {
            baseline = v;
            return this;
        }

        public Builder suppressions(Path v) {
            suppressions = v;
            return this;
        }

        public Builder failOn(Severity v) {
            failOn = v;
            return this;
        }

        public Builder callbackBase(URI v) {
            callbackBase = v;
            return this;
        }

        public ScanRequest build() {
            return new ScanRequest(
                    baseUrl,
                    Optional.ofNullable(spec),
                    inventory,
                    Optional.ofNullable(identities),
                    catalogFiles,
                    onlyTests,
                    samples,
                    extraHosts,
                    allowDestructive,
                    maxRequests,
                    requestsPerSecond,
                    concurrency,
                    dryRun,
                    Optional.ofNullable(baseline),
                    Optional.ofNullable(suppressions),
                    failOn,
                    Optional.ofNullable(callbackBase));
        }
    }
}
