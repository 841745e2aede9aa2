package dev.vigil.cli;

import dev.vigil.classify.Classifier;
import dev.vigil.classify.Redactor;
import dev.vigil.classify.Suppressions;
import dev.vigil.discovery.AuthConfig;
import dev.vigil.discovery.AuthDetector;
import dev.vigil.discovery.DiscoveryEngine;
import dev.vigil.discovery.ExposureClassifier;
import dev.vigil.discovery.ExposureConfig;
import dev.vigil.discovery.PathTemplater;
import dev.vigil.discovery.RiskModel;
import dev.vigil.discovery.TemplatingConfig;
import dev.vigil.discovery.schema.BodyAnalyzer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options shared by every command that runs discovery, and the wiring of the engine from them. */
final class EngineOptions {
    @Option(
            names = "--reserved",
            split = ",",
            paramLabel = "TOKEN",
            description = "Extra path tokens that never become parameters (comma separated).")
    List<String> reserved = List.of();

    @Option(
            names = "--definitions",
            paramLabel = "FILE",
            description = "YAML file of extra or overriding sensitive data types (see docs/data-types.md).")
    Path definitions;

    @Option(
            names = "--suppressions",
            paramLabel = "FILE",
            description = "YAML file of per-field classification suppressions.")
    Path suppressions;

    @Option(
            names = "--owned-host",
            split = ",",
            paramLabel = "GLOB",
            description = "Hosts that belong to you; calls to other hosts are third-party. Default: every host.")
    List<String> ownedHosts = List.of();

    @Option(
            names = "--internal-host",
            split = ",",
            paramLabel = "GLOB",
            description = "Hosts only reachable internally.")
    List<String> internalHosts = List.of();

    @Option(names = "--partner-host", split = ",", paramLabel = "GLOB", description = "Hosts used by partners.")
    List<String> partnerHosts = List.of();

    @Option(
            names = "--max-body",
            paramLabel = "CHARS",
            defaultValue = "1048576",
            description = "Bodies longer than this are truncated before analysis (default: ${DEFAULT-VALUE}).")
    int maxBody;

    PathTemplater templater;
    Classifier classifier;

    DiscoveryEngine build() {
        TemplatingConfig templating = TemplatingConfig.defaults().withReservedTokens(new LinkedHashSet<>(reserved));
        templater = new PathTemplater(templating);
        classifier = definitions == null ? Classifier.builtIn() : Classifier.withDefinitions(definitions);
        Redactor redactor = new Redactor(classifier);
        ExposureConfig defaults = ExposureConfig.defaults();
        ExposureConfig exposure = new ExposureConfig(
                union(defaults.internalHosts(), internalHosts),
                union(defaults.partnerHosts(), partnerHosts),
                union(defaults.ownedHosts(), ownedHosts),
                defaults.partnerPathPrefixes());
        return new DiscoveryEngine(
                templater,
                new AuthDetector(AuthConfig.defaults()),
                new ExposureClassifier(exposure),
                new BodyAnalyzer(classifier, redactor),
                suppressions == null ? Suppressions.none() : Suppressions.load(suppressions));
    }

    /** Risk ranking with the same data-type definitions as classification; call after {@link #build()}. */
    RiskModel risk() {
        return new RiskModel(classifier);
    }

    private static Set<String> union(Set<String> a, List<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
