package dev.vigil.scan.report;

import dev.vigil.scan.Finding;

/** A self-contained HTML page listing findings with redacted evidence and curl reproductions. */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(Report report) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vigil scan of ")
                .append(Markup.escape(report.target()))
                .append(
                        "</title>\n<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
                                + "td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}"
                                + ".critical,.high{color:#b00020}.medium{color:#b36b00}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}"
                                + "</style></head><body>\n")
                .append("<h1>Vigil scan of ")
                .append(Markup.escape(report.target()))
                .append("</h1>\n")
                .append("<p>")
                .append(report.findings().size())
                .append(" finding(s), ")
                .append(report.failing().size())
                .append(" failing at ")
                .append(report.failOn().label())
                .append(" or above; ")
                .append(report.engine().requests())
                .append(" requests.</p>\n")
                .append(
                        "<table><thead><tr><th>Severity</th><th>Test</th><th>Operation</th><th>Identity</th><th>OWASP / CWE</th>"
                                + "<th>Confidence</th><th>Status</th></tr></thead><tbody>\n");
        for (ReportedFinding rf : report.findings()) {
            Finding f = rf.finding();
            b.append("<tr><td class=\"")
                    .append(f.severity().label())
                    .append("\">")
                    .append(f.severity().label())
                    .append("</td><td><a href=\"#")
                    .append(rf.fingerprint())
                    .append("\">")
                    .append(Markup.escape(f.title()))
                    .append("</a></td><td>")
                    .append(Markup.escape(f.operation()))
                    .append("</td><td>")
                    .append(Markup.escape(f.identity()))
                    .append("</td><td>")
                    .append(Markup.escape(f.owasp() + " " + f.cwe()))
                    .append("</td><td>")
                    .append(f.confidenceLabel())
                    .append("</td><td>")
                    .append(rf.status().name().toLowerCase(java.util.Locale.ROOT))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (!report.engine().cleanup().isEmpty()) {
            b.append("<h2>Objects the scan created</h2>\n<table><thead><tr><th>Resource</th><th>Creator</th>"
                    + "<th>Outcome</th></tr></thead><tbody>\n");
            for (var c : report.engine().cleanup()) {
                b.append("<tr><td>")
                        .append(Markup.escape(c.resource()))
                        .append("</td><td>")
                        .append(Markup.escape(c.identity()))
                        .append("</td><td>")
                        .append(c.cleaned() ? "" : "<strong>not cleaned:</strong> ")
                        .append(Markup.escape(c.outcome()))
                        .append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        for (ReportedFinding rf : report.findings()) {
            Finding f = rf.finding();
            b.append("<section id=\"")
                    .append(rf.fingerprint())
                    .append("\"><h2>")
                    .append(Markup.escape(f.title()))
                    .append(" — ")
                    .append(Markup.escape(f.operation()))
                    .append("</h2>\n<p>")
                    .append(Markup.escape(f.detail()))
                    .append("</p>\n<p><b>Remediation:</b> ")
                    .append(Markup.escape(f.remediation()))
                    .append("</p>\n");
            if (!rf.evidence().isEmpty()) {
                b.append("<p><a href=\"")
                        .append(Markup.escape(HarExport.path(rf)))
                        .append("\">Evidence as HAR</a> (redacted; open in browser dev tools or a proxy)</p>\n");
            }
            for (Evidence e : rf.evidence()) {
                b.append("<pre>")
                        .append(Markup.escape(e.curl()))
                        .append("\n\nHTTP ")
                        .append(e.status())
                        .append("\n")
                        .append(Markup.escape(e.responseBody()))
                        .append("</pre>\n");
            }
            b.append("</section>\n");
        }
        return b.append("</body></html>\n").toString();
    }
}
