package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.classify.Classifier;
import dev.vigil.classify.Match;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * JSON answers as field paths in the form {@link Similarity} uses for volatile paths ({@code
 * $.items[].pan}) with their scalar values, the item array of a list answer, and the sensitive data
 * types the values hold.
 */
final class JsonFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFields() {}

    static Optional<JsonNode> parse(String body) {
        String t = body.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(t));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every field path with its scalar values (a null value keeps the path with no value). */
    static Map<String, List<String>> leaves(JsonNode node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        walk(node, "$", out);
        return out;
    }

    private static void walk(JsonNode node, String path, Map<String, List<String>> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> walk(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, path + "[]", out));
        } else {
            List<String> values = out.computeIfAbsent(path, k -> new ArrayList<>());
            if (!node.isNull()) {
                values.add(node.asText());
            }
        }
    }

    /**
     * The array a list answer carries: the body itself, else the largest array of objects among the
     * top-level fields and the fields of a top-level wrapper object ({@code data.items}).
     */
    static Optional<ArrayNode> items(JsonNode node) {
        if (node.isArray()) {
            return Optional.of((ArrayNode) node);
        }
        ArrayNode best = null;
        List<JsonNode> scopes = new ArrayList<>();
        scopes.add(node);
        node.properties().forEach(e -> {
            if (e.getValue().isObject()) {
                scopes.add(e.getValue());
            }
        });
        for (JsonNode scope : scopes) {
            for (var e : scope.properties()) {
                JsonNode v = e.getValue();
                if (v.isArray() && (v.isEmpty() || v.get(0).isObject()) && (best == null || v.size() > best.size())) {
                    best = (ArrayNode) v;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** How many items a list answer holds; empty when it is not a list. */
    static OptionalInt count(String body) {
        return parse(body)
                .flatMap(JsonFields::items)
                .map(a -> OptionalInt.of(a.size()))
                .orElse(OptionalInt.empty());
    }

    /** A single object wrapped in one field ({@code {"data": {...}}}) is unwrapped; anything else is returned as is. */
    static JsonNode unwrap(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            JsonNode only = node.elements().next();
            if (only.isObject()) {
                return only;
            }
        }
        return node;
    }

    /** The field name a path ends with ({@code $.items[].pan} → {@code pan}). */
    static String lastName(String path) {
        String p = path.replace("[]", "");
        return p.substring(p.lastIndexOf('.') + 1);
    }

    /**
     * Sensitive data types (sensitivity at least {@code minSensitivity}) found in the values, each
     * with the paths that hold it; volatile paths are left out. Sorted, for stable reports.
     */
    static Map<String, Set<String>> sensitiveTypes(
            Classifier classifier, Map<String, List<String>> leaves, Set<String> volatilePaths, int minSensitivity) {
        Map<String, Set<String>> out = new TreeMap<>();
        leaves.forEach((path, values) -> {
            if (volatilePaths.contains(path)) {
                return;
            }
            String key = lastName(path);
            for (String v : values) {
                for (Match m : classifier.classify(key, v)) {
                    if (m.type().sensitivity() >= minSensitivity) {
                        out.computeIfAbsent(m.type().id(), k -> new TreeSet<>()).add(path);
                    }
                }
            }
        });
        return out;
    }
}
