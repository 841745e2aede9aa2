package dev.vigil.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Per-field false-positive suppressions, loaded from YAML:
 *
 * <pre>
 * suppressions:
 *   - location: "response:$.orders[].reference"
 *     data_type: credit_card        # or "*"
 *     reason: order references are Luhn-valid by construction
 * </pre>
 *
 * Immutable and thread-safe.
 */
public final class Suppressions {
    private static final Set<String> FIELDS = Set.of("location", "data_type", "reason");
    private final List<Suppression> entries;

    private Suppressions(List<Suppression> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Suppressions none() {
        return new Suppressions(List.of());
    }

    public static Suppressions of(List<Suppression> entries) {
        return new Suppressions(entries);
    }

    /**
     * Loads a suppressions file.
     *
     * @throws DefinitionsException listing every problem in the file
     */
    public static Suppressions load(Path yaml) {
        return load(yaml, null);
    }

    /**
     * Loads a suppressions file and also reports data type ids the classifier does not define
     * (usually a typo that would silently suppress nothing).
     *
     * @throws DefinitionsException listing every problem in the file
     */
    public static Suppressions load(Path yaml, Classifier classifier) {
        List<String> problems = new ArrayList<>();
        String src = yaml.toString();
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readAllBytes(yaml));
        } catch (JsonProcessingException e) {
            throw new DefinitionsException(List.of(
                    src + ": not valid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new DefinitionsException(
                    List.of(src + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        if (root == null || !root.isObject() || !root.path("suppressions").isArray()) {
            throw new DefinitionsException(List.of(src + ": must be a mapping with a 'suppressions' list"));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("suppressions") && !f.equals("version")) {
                problems.add(src + ": unknown top-level field '" + f + "'");
            }
        }
        List<Suppression> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonNode list = root.get("suppressions");
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String where = src + ": suppressions[" + i + "]";
            if (!e.isObject()) {
                problems.add(where + ": must be a mapping");
                continue;
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    problems.add(where + ": unknown field '" + f + "' (allowed: data_type, location, reason)");
                }
            }
            String location = required(e, "location", where, problems);
            String type = required(e, "data_type", where, problems);
            String reason = required(e, "reason", where, problems);
            if (type != null && !type.equals("*") && !DataType.validId(type)) {
                problems.add(where + ": data_type: must be a data type id or *");
                type = null;
            } else if (type != null
                    && classifier != null
                    && !type.equals("*")
                    && classifier.type(type).isEmpty()) {
                problems.add(where + ": data_type: unknown data type '" + type + "'");
                type = null;
            }
            if (location != null && type != null && reason != null) {
                if (!seen.add(location + "\u0000" + type)) {
                    problems.add(where + ": duplicates an earlier suppression of " + type + " at " + location);
                } else {
                    out.add(new Suppression(location, type, reason));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new DefinitionsException(problems);
        }
        return new Suppressions(out);
    }

    private static String required(JsonNode e, String field, String where, List<String> problems) {
        JsonNode n = e.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            problems.add(where + ": " + field + ": required, a non-empty string");
            return null;
        }
        return n.asText();
    }

    /** Whether the user suppressed {@code dataTypeId} at {@code location}. */
    public boolean suppressed(String location, String dataTypeId) {
        for (Suppression s : entries) {
            if (s.matches(location, dataTypeId)) {
                return true;
            }
        }
        return false;
    }

    public List<Suppression> entries() {
        return entries;
    }
}
