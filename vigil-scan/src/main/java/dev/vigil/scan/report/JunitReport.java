package dev.vigil.scan.report;

import dev.vigil.scan.engine.EngineResult;
import java.util.List;

/**
 * JUnit XML for CI dashboards: one test case per executed (test, operation) unit; a case fails
 * when it produced a new finding at or above the failure threshold, is skipped when it could not run.
 */
public final class JunitReport {
    private JunitReport() {}

    public static String render(Report report) {
        List<EngineResult.TestRun> runs = report.engine().runs();
        List<ReportedFinding> failing = report.failing();
        int failures = 0;
        int skipped = 0;
        StringBuilder cases = new StringBuilder();
        for (EngineResult.TestRun run : runs) {
            List<ReportedFinding> mine = failing.stream()
                    .filter(f -> f.finding().testId().equals(run.testId())
                            && f.finding().operation().equals(run.operation()))
                    .toList();
            cases.append("    <testcase classname=\"vigil.")
                    .append(Markup.escape(run.testId()))
                    .append("\" name=\"")
                    .append(Markup.escape(run.operation()))
                    .append("\" time=\"0\"");
            if (!run.skipped().isEmpty()) {
                skipped++;
                cases.append(">\n      <skipped message=\"")
                        .append(Markup.escape(run.skipped()))
                        .append("\"/>\n    </testcase>\n");
            } else if (!mine.isEmpty()) {
                failures++;
                cases.append(">\n");
                for (ReportedFinding f : mine) {
                    cases.append("      <failure type=\"")
                            .append(Markup.escape(f.finding().owasp()))
                            .append("\" message=\"")
                            .append(Markup.escape(f.finding().severity().label() + ": "
                                    + f.finding().title()
                                    + (f.finding().identity().isEmpty()
                                            ? ""
                                            : " as " + f.finding().identity())))
                            .append("\">")
                            .append(Markup.escape(f.finding().detail() + "\nfingerprint: " + f.fingerprint()
                                    + "\nremediation: " + f.finding().remediation()
                                    + (f.evidence().isEmpty()
                                            ? ""
                                            : "\nreproduce: "
                                                    + f.evidence().getLast().curl())))
                            .append("</failure>\n");
                }
                cases.append("    </testcase>\n");
            } else {
                cases.append("/>\n");
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"vigil-scan\" tests=\"" + runs.size() + "\" failures=\"" + failures
                + "\" skipped=\""
                + skipped + "\" errors=\"0\">\n"
                + "  <testsuite name=\"vigil-scan " + Markup.escape(report.target()) + "\" tests=\"" + runs.size()
                + "\" failures=\"" + failures + "\" skipped=\"" + skipped + "\" errors=\"0\" time=\"0\">\n"
                + cases
                + "  </testsuite>\n</testsuites>\n";
    }
}
