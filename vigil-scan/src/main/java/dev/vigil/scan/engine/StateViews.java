package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an identity can read about some objects, as flat JSON leaves, to tell whether a request had
 * an effect. A view is a set of GET requests (the object itself, and the objects its id-like fields
 * name, such as the account a payment debits); its state maps {@code "GET /template leaf.path"} to
 * the leaf's text, with {@code #size} entries for arrays.
 */
final class StateViews {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_WITNESSES = 6;

    /** Fields that change on their own or with every write (times, versions, counters of reads). */
    private static final Pattern RESTLESS = Pattern.compile(
            "(?i).*(at|time|date|timestamp|updated|modified|version|etag|revision|views?|seen|expires?\\w*)$");

    private StateViews() {}

    /** One GET of the view: its operation (for stable keys) and the request. */
    record Witness(Operation op, HttpCall call) {}

    /**
     * The GETs whose path parameters can all be filled from {@code refs} (name → value): by the
     * parameter's own name, or by a reference whose name ends with it ({@code fromAccountId} fills
     * {@code {accountId}}). At most six, in the target's order.
     */
    static List<Witness> witnesses(ScanContext ctx, Map<String, String> refs) {
        List<Witness> out = new ArrayList<>();
        for (Operation op : ctx.target.operations()) {
            if (!op.method().equals("GET") || !op.hasPathParameters()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String p : op.pathParameterNames()) {
                value(p, refs).ifPresent(v -> values.put(p, v));
            }
            if (values.size() != op.pathParameterNames().size()) {
                continue;
            }
            ctx.call(op, values).ifPresent(c -> out.add(new Witness(op, c)));
            if (out.size() >= MAX_WITNESSES) {
                break;
            }
        }
        return out;
    }

    private static Optional<String> value(String param, Map<String, String> refs) {
        String p = norm(param);
        if (refs.containsKey(param)) {
            return Optional.of(refs.get(param));
        }
        for (Map.Entry<String, String> e : refs.entrySet()) {
            String n = norm(e.getKey());
            if (n.equals(p) || (p.length() >= 4 && !p.equals("id") && n.endsWith(p))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Id-like scalar fields of a JSON object answer (top level and its {@code data} wrapper), by name. */
    static Map<String, String> references(String body) {
        Map<String, String> out = new TreeMap<>();
        try {
            JsonNode root = JSON.readTree(body.strip().isEmpty() ? "null" : body);
            for (JsonNode n : List.of(
                    root == null ? JSON.nullNode() : root, root == null ? JSON.nullNode() : root.path("data"))) {
                if (n.isObject()) {
                    n.properties().forEach(e -> {
                        if (e.getValue().isValueNode()
                                && !e.getValue().isNull()
                                && !e.getValue().isBoolean()
                                && norm(e.getKey()).endsWith("id")) {
                            out.putIfAbsent(e.getKey(), e.getValue().asText());
                        }
                    });
                }
            }
        } catch (IOException e) {
            // not JSON: no references
        }
        return out;
    }

    /** The state of the view as this identity sees it now; witnesses that do not answer 2xx are left out. */
    static Map<String, String> read(ScanContext ctx, Identity who, List<Witness> view, String purpose)
            throws InterruptedException {
        Map<String, String> out = new TreeMap<>();
        for (Witness w : view) {
            Optional<Attempt> a = ctx.requester.send(who, w.call(), purpose);
            if (a.isPresent() && Verdicts.effectiveSuccess(a.get().result())) {
                leaves(a.get().result().body()).forEach((k, v) -> out.put(w.op().key() + " " + k, v));
            }
        }
        return out;
    }

    /** Flat leaves of a JSON answer: {@code a.b[0].c} → text, arrays also as {@code a.b#size}. */
    static Map<String, String> leaves(String body) {
        Map<String, String> out = new TreeMap<>();
        try {
            JsonNode root = JSON.readTree(body.strip().isEmpty() ? "null" : body);
            if (root != null) {
                walk(root, "", out);
            }
        } catch (IOException e) {
            // not JSON: no leaves
        }
        return out;
    }

    private static void walk(JsonNode n, String path, Map<String, String> out) {
        if (n.isObject()) {
            n.properties().forEach(e -> walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else if (n.isArray()) {
            out.put(path + "#size", Integer.toString(n.size()));
            for (int i = 0; i < Math.min(n.size(), 50); i++) {
                walk(n.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.put(path, n.isNull() ? "null" : n.asText());
        }
    }

    /** Keys whose value differs between two states (present in both, or added). */
    static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> out = new TreeSet<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * Quantities that moved the same way twice: numbers (not times, versions or read counters) and
     * list sizes that changed from {@code s0} to {@code s1} and again, in the same direction, from
     * {@code s1} to {@code s2}. Keys in {@code restless} (changed between two reads with nothing
     * sent in between) are ignored.
     */
    static List<String> movedTwice(
            Map<String, String> s0, Map<String, String> s1, Map<String, String> s2, Set<String> restless) {
        List<String> out = new ArrayList<>();
        for (String k : s1.keySet()) {
            if (restless.contains(k) || RESTLESS.matcher(lastName(k)).matches() || k.contains("[")) {
                continue;
            }
            Optional<BigDecimal> a = number(s0.get(k));
            Optional<BigDecimal> b = number(s1.get(k));
            Optional<BigDecimal> c = number(s2.get(k));
            if (a.isEmpty() || b.isEmpty() || c.isEmpty()) {
                continue;
            }
            int first = b.get().compareTo(a.get());
            int second = c.get().compareTo(b.get());
            if (first != 0 && first == second) {
                out.add(shortKey(k) + " " + a.get().toPlainString() + " → "
                        + b.get().toPlainString() + " → " + c.get().toPlainString());
            }
        }
        return out;
    }

    /**
     * Whether a step had the same effect in two runs: some key it changed in the full flow
     * ({@code before → after}) changed in the other run too ({@code otherBefore → otherAfter}), to
     * the same value, or (numbers, list sizes) in the same direction.
     */
    static List<String> sameEffect(
            Map<String, String> before,
            Map<String, String> after,
            Map<String, String> otherBefore,
            Map<String, String> otherAfter,
            Set<String> restless) {
        List<String> out = new ArrayList<>();
        for (String k : changed(before, after)) {
            if (restless.contains(k) || RESTLESS.matcher(lastName(k)).matches() || k.contains("[")) {
                continue;
            }
            String v = after.get(k);
            String ob = otherBefore.get(k);
            String oa = otherAfter.get(k);
            if (oa == null || oa.equals(ob)) {
                continue;
            }
            Optional<BigDecimal> a = number(before.get(k));
            Optional<BigDecimal> b = number(v);
            Optional<BigDecimal> c = number(ob);
            Optional<BigDecimal> d = number(oa);
            boolean sameDirection = a.isPresent()
                    && b.isPresent()
                    && c.isPresent()
                    && d.isPresent()
                    && b.get().compareTo(a.get()) == d.get().compareTo(c.get());
            if (oa.equals(v) && !isNumber(v) || sameDirection) {
                out.add(shortKey(k) + ": " + ob + " → " + oa);
            }
        }
        return out;
    }

    private static boolean isNumber(String s) {
        return number(s).isPresent();
    }

    private static Optional<BigDecimal> number(String s) {
        if (s == null || s.isEmpty() || s.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String lastName(String key) {
        String leaf = key.substring(key.lastIndexOf(' ') + 1);
        if (leaf.endsWith("#size")) {
            return "size";
        }
        int dot = leaf.lastIndexOf('.');
        return dot < 0 ? leaf : leaf.substring(dot + 1);
    }

    /** "GET /accounts/{accountId} balance" stays readable in a finding's detail. */
    private static String shortKey(String key) {
        return key.startsWith("GET ") ? key.substring(4) : key;
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
