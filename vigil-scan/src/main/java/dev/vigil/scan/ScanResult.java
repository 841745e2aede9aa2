package dev.vigil.scan;

import dev.vigil.scan.report.HtmlReport;
import dev.vigil.scan.report.JsonReport;
import dev.vigil.scan.report.JunitReport;
import dev.vigil.scan.report.Report;
import dev.vigil.scan.report.ReportedFinding;
import dev.vigil.scan.report.SarifReport;
import java.util.List;
import java.util.Locale;

/** The outcome of a scan: the report and the exit code (0 nothing new at or above --fail-on, 1 otherwise). */
public record ScanResult(Report report, int exitCode) {
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
