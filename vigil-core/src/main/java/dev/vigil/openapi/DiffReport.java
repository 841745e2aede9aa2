package dev.vigil.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a spec diff: sorted findings and how many observed endpoints and documented
 * operations took part. {@link #toJson()} is byte-stable for the same input (sorted keys, sorted
 * findings, {@code \n} line ends); {@link #toText()} is for a terminal.
 */
public record DiffReport(List<DiffFinding> findings, int observedEndpoints, int documentedOperations) {
    /** Identifies the JSON layout; bumped on incompatible change. */
    public static final String FORMAT = "vigil-spec-diff/1";

    public DiffReport {
        List<DiffFinding> sorted = new ArrayList<>(findings);
        Collections.sort(sorted);
        findings = List.copyOf(sorted);
    }

    /** Findings per kind, every kind present (zero when none). */
    public Map<FindingKind, Integer> counts() {
        Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
        for (FindingKind kind : FindingKind.values()) {
            counts.put(kind, 0);
        }
        findings.forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** Findings per severity, every severity present (zero when none). */
    public Map<Severity, Integer> countsBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0);
        }
        findings.forEach(f -> counts.merge(Severity.parse(f.severity()), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * 1 when any finding is at or above {@code failOn} ({@code info|low|medium|high}), else 0;
     * {@code none} never fails. An unknown value throws {@link IllegalArgumentException} naming it.
     */
    public int exitCode(String failOn) {
        if (failOn != null && failOn.strip().equalsIgnoreCase("none")) {
            return 0;
        }
        Severity threshold = Severity.parse(failOn);
        for (DiffFinding finding : findings) {
            if (Severity.parse(finding.severity()).compareTo(threshold) >= 0) {
                return 1;
            }
        }
        return 0;
    }

    /** One summary line, then one line per finding, aligned in columns. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        Map<Severity, Integer> bySeverity = countsBySeverity();
        out.append(String.format(
                Locale.ROOT,
                "Spec diff: %d observed endpoints, %d documented operations, %d findings"
                        + " (high %d, medium %d, low %d, info %d)%n",
                observedEndpoints,
                documentedOperations,
                findings.size(),
                bySeverity.get(Severity.HIGH),
                bySeverity.get(Severity.MEDIUM),
                bySeverity.get(Severity.LOW),
                bySeverity.get(Severity.INFO)));
        int kindWidth = 4;
        int methodWidth = 6;
        int targetWidth = 8;
        for (DiffFinding f : findings) {
            kindWidth = Math.max(kindWidth, f.kind().name().length());
            methodWidth = Math.max(methodWidth, f.method().length());
            targetWidth = Math.max(targetWidth, target(f).length());
        }
        String row = "%-6s  %-" + kindWidth + "s  %-" + methodWidth + "s  %-" + targetWidth + "s  %s%n";
        if (!findings.isEmpty()) {
            out.append(String.format(Locale.ROOT, row, "LEVEL", "KIND", "METHOD", "ENDPOINT", "DETAIL"));
        }
        for (DiffFinding f : findings) {
            out.append(String.format(
                    Locale.ROOT,
                    row,
                    f.severity().toUpperCase(Locale.ROOT),
                    f.kind().name(),
                    f.method(),
                    target(f),
                    f.detail()));
        }
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private static String target(DiffFinding f) {
        return f.host() + f.path();
    }

    /** The report as pretty-printed JSON with sorted keys; see {@code docs/spec-diff.md}. */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode counts = root.putObject("counts");
        counts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.name().compareTo(b.name())))
                .forEach(e -> counts.put(e.getKey().name(), e.getValue()));
        root.put("documentedOperations", documentedOperations);
        ArrayNode array = root.putArray("findings");
        for (DiffFinding f : findings) {
            ObjectNode node = array.addObject();
            node.put("detail", f.detail());
            node.put("host", f.host());
            node.put("kind", f.kind().name());
            node.put("method", f.method());
            node.put("path", f.path());
            node.put("severity", f.severity());
        }
        root.put("format", FORMAT);
        root.put("observedEndpoints", observedEndpoints);
        ObjectNode severities = root.putObject("severities");
        countsBySeverity().entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.id().compareTo(b.id())))
                .forEach(e -> severities.put(e.getKey().id(), e.getValue()));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        try {
            return mapper.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
