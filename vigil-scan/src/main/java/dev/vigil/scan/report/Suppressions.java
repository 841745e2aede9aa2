package dev.vigil.scan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.scan.Finding;
import dev.vigil.scan.ScanException;
import dev.vigil.scan.identity.AccessRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Findings deliberately accepted, each with a mandatory reason and an optional expiry date after
 * which it no longer applies. A rule matches by fingerprint, or by test id and optional path glob.
 */
public record Suppressions(List<Rule> rules) {
    public Suppressions {
        rules = List.copyOf(rules);
    }

    /** One suppression; empty strings mean "any". */
    public record Rule(String fingerprint, String test, String path, String reason, Optional<LocalDate> expires) {
        boolean matches(Finding f, String fingerprintOfF, LocalDate today) {
            if (expires.isPresent() && today.isAfter(expires.get())) {
                return false;
            }
            if (!fingerprint.isEmpty()) {
                return fingerprint.equals(fingerprintOfF);
            }
            return test.equals(f.testId())
                    && (path.isEmpty()
                            || AccessRule.globPattern(path)
                                    .matcher(f.pathTemplate())
                                    .matches());
        }
    }

    public static Suppressions none() {
        return new Suppressions(List.of());
    }

    public Optional<Rule> match(Finding f, String fingerprint, LocalDate today) {
        return rules.stream().filter(r -> r.matches(f, fingerprint, today)).findFirst();
    }

    /** Reads a YAML suppressions file; every problem is collected and reported at once. */
    public static Suppressions read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ScanException(
                    file + ": cannot read suppressions (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    public static Suppressions parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ScanException(source + ": not valid YAML");
        }
        List<String> problems = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        JsonNode list = root == null ? null : root.path("suppressions");
        if (list == null || !list.isArray()) {
            throw new ScanException(source + ": expected a 'suppressions' list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String at = "suppressions[" + i + "]";
            String fingerprint = r.path("fingerprint").asText("");
            String test = r.path("test").asText("");
            String reason = r.path("reason").asText("").strip();
            if (fingerprint.isEmpty() == test.isEmpty()) {
                problems.add(at + ": give exactly one of 'fingerprint' or 'test'");
            }
            if (reason.length() < 3) {
                problems.add(at + ".reason: required (why this finding is accepted)");
            }
            Optional<LocalDate> expires = Optional.empty();
            if (r.has("expires")) {
                try {
                    expires = Optional.of(LocalDate.parse(r.get("expires").asText()));
                } catch (DateTimeParseException e) {
                    problems.add(at + ".expires: expected a date like 2026-12-31");
                }
            }
            rules.add(new Rule(fingerprint, test, r.path("path").asText(""), reason, expires));
        }
        if (!problems.isEmpty()) {
            throw new ScanException(source + ": " + problems.size() + " problem(s) in suppressions:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new Suppressions(rules);
    }
}
