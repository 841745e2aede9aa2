package dev.vigil.scan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.scan.Finding;
import dev.vigil.scan.Severity;
import dev.vigil.scan.catalog.CatalogTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning tools: one rule per catalog test that produced a finding (tags:
 * OWASP id, CWE, {@code security-severity}), one result per finding with a stable
 * {@code partialFingerprints} entry, baseline state, suppressions with their justification, and
 * the finding's HAR evidence file as an attachment.
 */
public final class SarifReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {}

    public static String render(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", Report.TOOL)
                .put("version", Report.VERSION)
                .put("informationUri", "https://github.com/vigil-dev/vigil");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(report.findings().stream()
                .map(f -> f.finding().testId())
                .distinct()
                .sorted()
                .toList());
        for (String id : ids) {
            ruleIndex.put(id, ruleIndex.size());
            ObjectNode rule = rules.addObject();
            CatalogTest test = report.catalog().test(id).orElse(null);
            Finding sample = report.findings().stream()
                    .map(ReportedFinding::finding)
                    .filter(f -> f.testId().equals(id))
                    .findFirst()
                    .orElseThrow();
            rule.put("id", id);
            rule.put("name", camel(id));
            rule.putObject("shortDescription").put("text", sample.title());
            rule.putObject("fullDescription")
                    .put("text", test != null && !test.description().isEmpty() ? test.description() : sample.title());
            rule.putObject("help").put("text", sample.remediation());
            rule.putObject("defaultConfiguration").put("level", level(sample.severity()));
            ObjectNode props = rule.putObject("properties");
            ArrayNode tags = props.putArray("tags");
            tags.add("security").add("OWASP-" + sample.owasp());
            sample.cwe().forEach(tags::add);
            props.put("security-severity", securitySeverity(sample.severity()));
            props.put("precision", "high");
        }
        run.putObject("automationDetails").put("id", "vigil-scan/" + report.target());
        ArrayNode results = run.putArray("results");
        for (ReportedFinding rf : report.findings()) {
            Finding f = rf.finding();
            ObjectNode r = results.addObject();
            r.put("ruleId", f.testId());
            r.put("ruleIndex", ruleIndex.get(f.testId()));
            r.put("level", level(f.severity()));
            r.putObject("message")
                    .put(
                            "text",
                            f.title() + " at " + f.operation() + (f.identity().isEmpty() ? "" : " as " + f.identity())
                                    + ": " + f.detail());
            ObjectNode loc = r.putArray("locations").addObject();
            ObjectNode physical = loc.putObject("physicalLocation");
            physical.putObject("artifactLocation")
                    .put(
                            "uri",
                            report.specUri().isEmpty()
                                    ? report.target().replaceAll("/+$", "") + f.pathTemplate()
                                    : report.specUri());
            physical.putObject("region").put("startLine", 1);
            loc.putArray("logicalLocations")
                    .addObject()
                    .put("name", f.operation())
                    .put("fullyQualifiedName", f.host() + " " + f.operation())
                    .put("kind", "function");
            r.putObject("partialFingerprints").put("vigilFindingHash/v1", rf.fingerprint());
            r.put("baselineState", rf.status() == FindingStatus.BASELINE ? "unchanged" : "new");
            if (rf.status() == FindingStatus.SUPPRESSED) {
                r.putArray("suppressions")
                        .addObject()
                        .put("kind", "external")
                        .put("justification", rf.suppressionReason());
            }
            ObjectNode props = r.putObject("properties");
            props.put("confidence", f.confidence());
            props.put("identity", f.identity());
            props.put("location", f.location());
            props.put("owasp", f.owasp());
            if (!rf.evidence().isEmpty()) {
                props.put("curl", rf.evidence().getLast().curl());
                // the redacted exchanges, relative to the report directory
                ObjectNode attachment = r.putArray("attachments").addObject();
                attachment.putObject("description").put("text", "Redacted request/response evidence (HAR 1.2)");
                attachment.putObject("artifactLocation").put("uri", HarExport.path(rf));
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
