package dev.vigil.scan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.scan.ScanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fingerprints of findings already known (accepted or being fixed): a finding in the baseline is
 * reported but does not fail the build. Stored as sorted JSON so it diffs well in version control.
 */
public record Baseline(Set<String> fingerprints) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Baseline {
        fingerprints = java.util.Collections.unmodifiableSet(new TreeSet<>(fingerprints));
    }

    public static Baseline empty() {
        return new Baseline(Set.of());
    }

    public boolean contains(String fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    public static Baseline read(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            if (root == null
                    || root.path("version").asInt() != 1
                    || !root.path("fingerprints").isArray()) {
                throw new ScanException(file + ": not a Vigil baseline (expected version 1 and a fingerprints list)");
            }
            Set<String> out = new TreeSet<>();
            root.get("fingerprints").forEach(f -> out.add(f.path("fingerprint").asText(f.asText())));
            return new Baseline(out);
        } catch (IOException e) {
            throw new ScanException(
                    file + ": cannot read baseline (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Writes the findings' fingerprints (with test and operation, for humans) as a new baseline. */
    public static void write(Path file, Collection<ReportedFinding> findings) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode list = root.putArray("fingerprints");
        findings.stream()
                .sorted(java.util.Comparator.comparing(ReportedFinding::fingerprint))
                .forEach(f -> list.addObject()
                        .put("fingerprint", f.fingerprint())
                        .put("test", f.finding().testId())
                        .put("operation", f.finding().operation()));
        try {
            Files.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new ScanException(file + ": cannot write baseline", e);
        }
    }
}
