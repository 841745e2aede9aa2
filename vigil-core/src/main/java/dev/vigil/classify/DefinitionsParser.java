package dev.vigil.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one data-types definitions file and checks every entry, collecting all problems instead of
 * stopping at the first. The format is documented in {@code docs/data-types.md}.
 */
final class DefinitionsParser {
    /** One file's content: common key exclusions, types, and built-in ids it switches off. */
    record ParsedFile(Set<String> keyExcludes, List<TypeDefinition> types, Set<String> disabled) {
        ParsedFile {
            keyExcludes = Set.copyOf(keyExcludes);
            types = List.copyOf(types);
            disabled = Set.copyOf(disabled);
        }
    }

    private static final Set<String> TOP_FIELDS = Set.of("version", "key_excludes", "types");
    private static final Set<String> TYPE_FIELDS = new TreeSet<>(Arrays.asList(
            "id",
            "name",
            "category",
            "sensitivity",
            "keys",
            "key_excludes",
            "contrary_keys",
            "validator",
            "pattern",
            "prefixes",
            "min_length",
            "max_length",
            "requires_key",
            "value_confidence",
            "key_confidence",
            "enabled"));

    private final YAMLMapper yaml = new YAMLMapper();

    ParsedFile parse(String source, InputStream in, List<String> problems) {
        JsonNode root;
        try {
            root = yaml.readTree(in);
        } catch (JsonProcessingException e) {
            problems.add(
                    source + ": not valid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
            return new ParsedFile(Set.of(), List.of(), Set.of());
        } catch (IOException e) {
            problems.add(source + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            return new ParsedFile(Set.of(), List.of(), Set.of());
        }
        if (root == null || !root.isObject()) {
            problems.add(source + ": must be a mapping with a 'types' list");
            return new ParsedFile(Set.of(), List.of(), Set.of());
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP_FIELDS.contains(f)) {
                problems.add(
                        source + ": unknown top-level field '" + f + "' (allowed: " + new TreeSet<>(TOP_FIELDS) + ")");
            }
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isInt() && version.asInt() == 1)) {
            problems.add(source + ": version: only version 1 is supported");
        }
        Set<String> commonExcludes = words(root.get("key_excludes"), source + ": key_excludes", problems);
        JsonNode types = root.get("types");
        List<TypeDefinition> defs = new ArrayList<>();
        Set<String> disabled = new TreeSet<>();
        if (types == null || !types.isArray()) {
            problems.add(source + ": types: required, must be a list");
            return new ParsedFile(commonExcludes, defs, disabled);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < types.size(); i++) {
            JsonNode t = types.get(i);
            String where = source + ": types[" + i + "]";
            if (!t.isObject()) {
                problems.add(where + ": must be a mapping");
                continue;
            }
            String id = t.path("id").isTextual() ? t.get("id").asText() : null;
            if (id != null) {
                where += " (id=" + id + ")";
            }
            int before = problems.size();
            if (id == null || !DataType.validId(id)) {
                problems.add(where + ": id: required, snake_case ([a-z][a-z0-9_]*, at most 64 characters)");
            } else if (!seen.add(id)) {
                problems.add(where + ": id: defined twice in this file");
            }
            JsonNode enabled = t.get("enabled");
            if (enabled != null && !enabled.isBoolean()) {
                problems.add(where + ": enabled: must be true or false");
            }
            if (enabled != null && enabled.isBoolean() && !enabled.asBoolean()) {
                if (id != null) {
                    disabled.add(id);
                }
                continue;
            }
            TypeDefinition def = parseType(t, where, id, problems);
            if (problems.size() == before && def != null) {
                defs.add(def);
            }
        }
        return new ParsedFile(commonExcludes, defs, disabled);
    }

    private TypeDefinition parseType(JsonNode t, String where, String id, List<String> problems) {
        for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TYPE_FIELDS.contains(f)) {
                problems.add(where + ": unknown field '" + f + "' (allowed: " + TYPE_FIELDS + ")");
            }
        }
        String name = text(t, "name", where, true, problems);
        Category category = null;
        String cat = text(t, "category", where, true, problems);
        if (cat != null) {
            try {
                category = Category.valueOf(cat);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": category: must be one of " + Arrays.toString(Category.values()) + ", was '"
                        + cat + "'");
            }
        }
        JsonNode sens = t.get("sensitivity");
        int sensitivity = 0;
        if (sens == null || !sens.isInt() || sens.asInt() < 1 || sens.asInt() > 5) {
            problems.add(where + ": sensitivity: required, an integer from 1 to 5");
        } else {
            sensitivity = sens.asInt();
        }
        List<KeyPattern> keys = new ArrayList<>();
        for (String k : strings(t.get("keys"), where + ": keys", problems)) {
            KeyPattern p = KeyPattern.of(k);
            if (p.words().isEmpty()) {
                problems.add(where + ": keys: '" + k + "' has no letters or digits");
            } else {
                keys.add(p);
            }
        }
        Set<String> excludes = words(t.get("key_excludes"), where + ": key_excludes", problems);
        Set<String> contrary = words(t.get("contrary_keys"), where + ": contrary_keys", problems);
        String validatorName = text(t, "validator", where, false, problems);
        Validator validator = null;
        if (validatorName != null) {
            validator = Validators.named(validatorName).orElse(null);
            if (validator == null) {
                problems.add(
                        where + ": validator: unknown '" + validatorName + "' (known: " + Validators.names() + ")");
            }
        }
        Pattern pattern = null;
        String regex = text(t, "pattern", where, false, problems);
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                problems.add(where + ": pattern: not a valid Java regular expression: " + e.getDescription());
            }
        }
        List<String> prefixes = strings(t.get("prefixes"), where + ": prefixes", problems);
        int minLength = positiveInt(t, "min_length", 1, where, problems);
        int maxLength = positiveInt(t, "max_length", 100_000, where, problems);
        if (minLength > maxLength) {
            problems.add(where + ": min_length is greater than max_length");
        }
        boolean requiresKey = false;
        JsonNode rk = t.get("requires_key");
        if (rk != null) {
            if (rk.isBoolean()) {
                requiresKey = rk.asBoolean();
            } else {
                problems.add(where + ": requires_key: must be true or false");
            }
        }
        if (requiresKey && keys.isEmpty()) {
            problems.add(where + ": requires_key is true but no keys are given");
        }
        if (keys.isEmpty() && validatorName == null && regex == null) {
            problems.add(where + ": nothing to match: give keys, a validator or a pattern");
        }
        double valueConfidence = confidence(t, "value_confidence", 0.7, where, problems);
        double keyConfidence = confidence(t, "key_confidence", 0.8, where, problems);
        if (name == null || category == null || sensitivity == 0 || id == null || !DataType.validId(id)) {
            return null;
        }
        return new TypeDefinition(
                new DataType(id, name, category, sensitivity),
                keys,
                excludes,
                contrary,
                validatorName,
                validator,
                pattern,
                prefixes,
                minLength,
                maxLength,
                requiresKey,
                valueConfidence,
                keyConfidence);
    }

    private static String text(JsonNode t, String field, String where, boolean required, List<String> problems) {
        JsonNode n = t.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problems.add(where + ": " + field + ": required");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problems.add(where + ": " + field + ": must be a non-empty string");
            return null;
        }
        return n.asText();
    }

    private static List<String> strings(JsonNode n, String where, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problems.add(where + ": must be a list of strings");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                problems.add(where + "[" + i + "]: must be a non-empty string");
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    /** Lists of key words are compared with {@link KeyName} words, so they are normalised alike. */
    private static Set<String> words(JsonNode n, String where, List<String> problems) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : strings(n, where, problems)) {
            List<String> w = KeyName.of(s).words();
            if (w.size() != 1) {
                problems.add(where + ": '" + s + "' must be a single word");
            } else {
                out.add(w.get(0));
            }
        }
        return out;
    }

    private static int positiveInt(JsonNode t, String field, int dflt, String where, List<String> problems) {
        JsonNode n = t.get(field);
        if (n == null) {
            return dflt;
        }
        if (!n.isInt() || n.asInt() < 1) {
            problems.add(where + ": " + field + ": must be a positive integer");
            return dflt;
        }
        return n.asInt();
    }

    private static double confidence(JsonNode t, String field, double dflt, String where, List<String> problems) {
        JsonNode n = t.get(field);
        if (n == null) {
            return dflt;
        }
        if (!n.isNumber() || !(n.asDouble() > 0 && n.asDouble() <= 1)) {
            problems.add(where + ": " + field + ": must be a number in (0, 1]");
            return dflt;
        }
        return n.asDouble();
    }
}
