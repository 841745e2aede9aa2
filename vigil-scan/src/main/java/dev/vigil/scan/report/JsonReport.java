package dev.vigil.scan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.scan.Finding;
import dev.vigil.traffic.Header;
import java.util.List;

/**
 * The scan as JSON: summary (requests per purpose, per test and per operation), findings with
 * redacted evidence, curl and the path of their HAR file, the plan and the executed units. Byte-stable.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonReport() {}

    public static String render(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", Report.TOOL).put("version", Report.VERSION).put("target", report.target());
        ObjectNode summary = root.putObject("summary");
        summary.put("findings", report.findings().size());
        summary.put(
                "new",
                report.findings().stream()
                        .filter(f -> f.status() == FindingStatus.NEW)
                        .count());
        summary.put("failOn", report.failOn().label());
        summary.put("failing", report.failing().size());
        summary.put("requests", report.engine().requests());
        summary.put("refusedByPolicy", report.engine().refused());
        summary.put("budgetExhausted", report.engine().budgetExhausted());
        summary.put("dryRun", report.engine().dryRun());
        ObjectNode perPurpose = summary.putObject("requestsByPurpose");
        report.engine().requestsByPurpose().forEach(perPurpose::put);
        ObjectNode perTest = summary.putObject("requestsByTest");
        report.engine().requestsByTest().forEach(perTest::put);
        ObjectNode perOperation = summary.putObject("requestsByOperation");
        report.engine().requestsByOperation().forEach(perOperation::put);
        if (!report.engine().cleanup().isEmpty()) {
            // objects the scan created and what became of them; absent when nothing was created
            ArrayNode cleanup = summary.putArray("cleanup");
            report.engine().cleanup().forEach(c -> cleanup.addObject()
                    .put("identity", c.identity())
                    .put("resource", c.resource())
                    .put("cleaned", c.cleaned())
                    .put("outcome", c.outcome()));
            summary.put(
                    "notCleaned",
                    report.engine().cleanup().stream().filter(c -> !c.cleaned()).count());
        }
        ArrayNode warnings = root.putArray("warnings");
        report.engine().warnings().forEach(warnings::add);
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(rf -> findings.add(finding(rf)));
        ArrayNode plan = root.putArray("plan");
        report.engine().plan().forEach(p -> plan.addObject()
                .put("test", p.testId())
                .put("operation", p.operation())
                .put("note", p.note()));
        // one entry per executed unit: the requests per test and operation behind the summary's sums
        ArrayNode runs = root.putArray("runs");
        report.engine().runs().forEach(r -> {
            ObjectNode n = runs.addObject()
                    .put("test", r.testId())
                    .put("operation", r.operation())
                    .put("requests", r.requests())
                    .put("findings", r.findings());
            if (!r.skipped().isEmpty()) {
                n.put("skipped", r.skipped());
            }
        });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree always serializes", e);
        }
    }

    /** One finding as a JSON object (fingerprint, status, tags, location, redacted evidence with curl), e.g. for storage. */
    public static ObjectNode finding(ReportedFinding rf) {
        Finding f = rf.finding();
        ObjectNode n = JSON.createObjectNode();
        n.put("fingerprint", rf.fingerprint());
        n.put("status", rf.status().name().toLowerCase(java.util.Locale.ROOT));
        if (!rf.suppressionReason().isEmpty()) {
            n.put("suppressionReason", rf.suppressionReason());
        }
        n.put("test", f.testId())
                .put("title", f.title())
                .put("severity", f.severity().label());
        n.put("confidence", f.confidence()).put("confidenceLabel", f.confidenceLabel());
        n.put("owasp", f.owasp());
        ArrayNode cwe = n.putArray("cwe");
        f.cwe().forEach(cwe::add);
        n.put("host", f.host()).put("operation", f.operation()).put("identity", f.identity());
        n.put("location", f.location()).put("detail", f.detail()).put("remediation", f.remediation());
        String har = HarExport.path(rf);
        if (!har.isEmpty()) {
            n.put("har", har);
        }
        ArrayNode evidence = n.putArray("evidence");
        for (Evidence e : rf.evidence()) {
            ObjectNode en = evidence.addObject();
            en.put("identity", e.identity());
            ObjectNode req = en.putObject("request");
            req.put("method", e.method()).put("url", e.url());
            headers(req.putArray("headers"), e.requestHeaders());
            req.put("body", e.requestBody());
            ObjectNode res = en.putObject("response");
            res.put("status", e.status());
            headers(res.putArray("headers"), e.responseHeaders());
            res.put("body", e.responseBody());
            en.put("curl", e.curl());
        }
        return n;
    }

    private static void headers(ArrayNode out, List<Header> headers) {
        headers.forEach(h -> out.addObject().put("name", h.name()).put("value", h.value()));
    }
}
