package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.http.HttpResult;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares answers. JSON bodies are flattened to leaf paths ({@code $.items[].id}) with values and
 * compared as sets of (path, value) pairs, ignoring volatile paths learned by replaying the same
 * request; other bodies are compared as word sets. The result is in [0, 1].
 */
public final class Similarity {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    private Similarity() {}

    public static double of(HttpResult a, HttpResult b, Set<String> volatilePaths) {
        return of(a.body(), b.body(), volatilePaths);
    }

    public static double of(String a, String b, Set<String> volatilePaths) {
        if (a.equals(b)) {
            return 1.0;
        }
        Optional<Map<String, String>> ja = leaves(a);
        Optional<Map<String, String>> jb = leaves(b);
        if (ja.isPresent() && jb.isPresent()) {
            Set<String> pa = pairs(ja.get(), volatilePaths);
            Set<String> pb = pairs(jb.get(), volatilePaths);
            return jaccard(pa, pb);
        }
        return jaccard(words(a), words(b));
    }

    /** Leaf paths whose values differ between two answers to the same request. */
    public static Set<String> volatilePaths(HttpResult first, HttpResult second) {
        Set<String> out = new HashSet<>();
        Optional<Map<String, String>> a = leaves(first.body());
        Optional<Map<String, String>> b = leaves(second.body());
        if (a.isEmpty() || b.isEmpty()) {
            return out;
        }
        Set<String> keys = new HashSet<>(a.get().keySet());
        keys.addAll(b.get().keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(a.get().get(k), b.get().get(k))) {
                out.add(pathOnly(k));
            }
        }
        return out;
    }

    /** Flattened JSON: "path#n" → scalar text (n numbers repeated paths inside arrays). Empty when not JSON. */
    public static Optional<Map<String, String>> leaves(String body) {
        String t = body.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(t);
            Map<String, String> out = new LinkedHashMap<>();
            walk(node, "$", out);
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every field name anywhere in a JSON body. */
    public static Set<String> fieldNames(String body) {
        Set<String> out = new HashSet<>();
        try {
            String t = body.strip();
            if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
                return out;
            }
            collectNames(JSON.readTree(t), out);
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static void collectNames(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                out.add(name);
                collectNames(node.get(name), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectNames(n, out));
        }
    }

    private static void walk(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                put(out, path, "{}");
            }
            node.properties().forEach(e -> walk(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                put(out, path, "[]");
            }
            node.forEach(n -> walk(n, path + "[]", out));
        } else {
            put(out, path, node.asText());
        }
    }

    private static void put(Map<String, String> out, String path, String value) {
        int n = 0;
        while (out.containsKey(path + "#" + n)) {
            n++;
        }
        out.put(path + "#" + n, value);
    }

    private static String pathOnly(String key) {
        int hash = key.lastIndexOf('#');
        return hash >= 0 ? key.substring(0, hash) : key;
    }

    private static Set<String> pairs(Map<String, String> leaves, Set<String> volatilePaths) {
        Set<String> out = new HashSet<>();
        leaves.forEach((k, v) -> {
            if (!volatilePaths.contains(pathOnly(k))) {
                out.add(k + "=" + v);
            }
        });
        return out;
    }

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        var m = WORD.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        Set<String> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return (double) inter.size() / union.size();
    }
}
