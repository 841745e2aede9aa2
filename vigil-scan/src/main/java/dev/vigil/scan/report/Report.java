package dev.vigil.scan.report;

import dev.vigil.scan.Severity;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.engine.EngineResult;
import java.util.List;
import java.util.Objects;

/**
 * Everything a report renders: the target, the reported findings (sorted, redacted), the engine's
 * plan, runs and counts, the catalog (rule metadata), the spec location used for SARIF locations,
 * and the failure threshold. Contains no timestamps so the same scan renders byte-identically.
 */
public record Report(
        String target,
        List<ReportedFinding> findings,
        EngineResult engine,
        Catalog catalog,
        String specUri,
        Severity failOn) {
    public static final String TOOL = "Vigil";
    public static final String VERSION = "0.1.0";

    public Report {
        Objects.requireNonNull(target, "target");
        findings = List.copyOf(findings);
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(catalog, "catalog");
        specUri = specUri == null ? "" : specUri;
        Objects.requireNonNull(failOn, "failOn");
    }

    /** New findings at or above the failure threshold: these fail the build. */
    public List<ReportedFinding> failing() {
        return findings.stream()
                .filter(f -> f.status() == FindingStatus.NEW
                        && f.finding().severity().atLeast(failOn))
                .toList();
    }
}
