package dev.vigil.scan;

import dev.vigil.scan.report.HarExport;
import dev.vigil.scan.report.HtmlReport;
import dev.vigil.scan.report.JsonReport;
import dev.vigil.scan.report.JunitReport;
import dev.vigil.scan.report.Report;
import dev.vigil.scan.report.ReportedFinding;
import dev.vigil.scan.report.SarifReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a scan: the report, the exit code (0 nothing new at or above --fail-on, 1
 * otherwise) and when the scan started (the HAR evidence's {@code startedDateTime}).
 */
public record ScanResult(Report report, int exitCode, Instant started) {
    public ScanResult {
        java.util.Objects.requireNonNull(report, "report");
        java.util.Objects.requireNonNull(started, "started");
    }

    /** A result without a known start (the HAR evidence then starts at the epoch). */
    public ScanResult(Report report, int exitCode) {
        this(report, exitCode, Instant.EPOCH);
    }

    /**
     * Each finding's redacted evidence as a HAR 1.2 document: path relative to the report directory
     * ({@code har/<fingerprint>.har}, as referenced by the JSON, SARIF and HTML reports) → content.
     */
    public Map<String, String> harFiles() {
        return HarExport.files(report, started);
    }

    /** Output formats. */
    public enum Format {
        JSON,
        SARIF,
        JUNIT,
        HTML;

        public static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + text + "' (json, sarif, junit, html)", e);
            }
        }
    }

    public List<ReportedFinding> findings() {
        return report.findings();
    }

    public String render(Format format) {
        return switch (format) {
            case JSON -> JsonReport.render(report);
            case SARIF -> SarifReport.render(report);
            case JUNIT -> JunitReport.render(report);
            case HTML -> HtmlReport.render(report);
        };
    }

    /** The plan as text lines, for --dry-run. */
    public List<String> planLines() {
        return report.engine().plan().stream()
                .map(p -> String.format(Locale.ROOT, "%-26s %-40s %s", p.testId(), p.operation(), p.note()))
                .toList();
    }
}
