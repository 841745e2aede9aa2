package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Learns which identity owns which object ids: ids found in answers given to an identity (items of
 * a collection, id-like fields of its own objects, ids returned when it created something). An id
 * seen by two identities is shared, not owned, and is never used as BOLA proof.
 *
 * <p>A path parameter {@code {p}} of {@code /a/{x}/b/{p}} takes ids of items listed by
 * {@code /a/{x}/b}, or fields named like the parameter ({@code accountId} for {@code {accountId}}
 * or {@code {id}} under {@code /accounts}).
 */
public final class OwnershipOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID_FIELD = Pattern.compile("(?i).*(id|uuid|key|number|no)$");
    private static final int MAX_VALUES_PER_FIELD = 50;

    /** One id seen by an identity: collection template it was listed by (or "" if anywhere), field name, value. */
    record Seen(String source, String field, String value) {}

    private final Map<String, Set<Seen>> seen = new ConcurrentHashMap<>();

    /** Records the ids in an answer that {@code identity} got from {@code op} (or from creating via it). */
    public void learn(Identity identity, Operation op, String body) {
        if (identity.isAnonymous()) {
            return;
        }
        JsonNode root;
        try {
            String t = body.strip();
            if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
                return;
            }
            root = JSON.readTree(t);
        } catch (IOException e) {
            return;
        }
        Set<Seen> mine = seen.computeIfAbsent(identity.name(), k -> ConcurrentHashMap.newKeySet());
        String collection = op.pathTemplate();
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else if (root.isObject()) {
            root.properties().forEach(e -> {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(items::add);
                }
            });
            if (op.method().equals("POST") && root.hasNonNull("id")) {
                add(mine, new Seen(collection, "id", root.get("id").asText()));
            }
            if (!op.hasPathParameters() || op.method().equals("GET")) {
                fields(root, "", mine);
            }
            // "/users/me" answers one element of "/users": its id belongs to that collection
            if (op.method().equals("GET")
                    && !op.hasPathParameters()
                    && root.hasNonNull("id")
                    && root.get("id").isValueNode()) {
                String template = op.pathTemplate();
                int slash = template.lastIndexOf('/');
                if (slash > 0) {
                    add(
                            mine,
                            new Seen(
                                    template.substring(0, slash),
                                    "id",
                                    root.get("id").asText()));
                }
            }
        }
        for (JsonNode item : items.subList(0, Math.min(items.size(), MAX_VALUES_PER_FIELD))) {
            if (item.isObject()) {
                if (item.hasNonNull("id") && item.get("id").isValueNode()) {
                    add(mine, new Seen(collection, "id", item.get("id").asText()));
                }
                fields(item, "", mine);
            }
        }
    }

    /**
     * Records the path values a created object's URL binds (its {@code Location}): each value is an
     * id listed by the parent collection of its parameter in {@code item}'s template, so operations
     * below it ({@code /x/{id}/children}) can use it as well.
     */
    public void learnPath(Identity identity, Operation item, Map<String, String> values) {
        if (identity.isAnonymous()) {
            return;
        }
        Set<Seen> mine = seen.computeIfAbsent(identity.name(), k -> ConcurrentHashMap.newKeySet());
        values.forEach((param, value) -> add(mine, new Seen(parentTemplate(item.pathTemplate(), param), "id", value)));
    }

    private static void fields(JsonNode object, String source, Set<Seen> mine) {
        object.properties().forEach(e -> {
            if (!e.getKey().equals("id")
                    && e.getValue().isValueNode()
                    && !e.getValue().isNull()
                    && !e.getValue().isBoolean()
                    && ID_FIELD.matcher(e.getKey()).matches()) {
                add(mine, new Seen(source, e.getKey(), e.getValue().asText()));
            }
        });
    }

    private static void add(Set<Seen> mine, Seen s) {
        if (!s.value().isEmpty() && s.value().length() <= 200) {
            mine.add(s);
        }
    }

    /** Candidate values an identity has seen for a path parameter of an operation, in first-seen order. */
    public List<String> candidates(Identity identity, Operation op, String param) {
        Set<Seen> mine = seen.getOrDefault(identity.name(), Set.of());
        String parent = parentTemplate(op.pathTemplate(), param);
        String parentLast = lastLiteral(parent);
        String wanted = normalize(param);
        Set<String> out = new LinkedHashSet<>();
        for (Seen s : mine) {
            boolean listedByParent = s.source().equals(parent) && s.field().equals("id");
            boolean sameName = !wanted.equals("id") && normalize(s.field()).equals(wanted);
            boolean typedId = wanted.equals("id")
                    && !parentLast.isEmpty()
                    && normalize(s.field()).equals(singular(parentLast) + "id");
            if (listedByParent || sameName || typedId) {
                out.add(s.value());
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Path-value assignments for an operation whose last path parameter holds an object only this
     * identity has seen (exclusively owned); at most {@code limit}. Empty when nothing is owned.
     */
    public List<Map<String, String>> owned(Identity identity, Operation op, List<Identity> others, int limit) {
        List<String> params = op.pathParameterNames();
        if (params.isEmpty()) {
            return List.of();
        }
        Map<String, String> prefix = new LinkedHashMap<>();
        for (String p : params.subList(0, params.size() - 1)) {
            List<String> c = candidates(identity, op, p);
            if (c.isEmpty()) {
                return List.of();
            }
            prefix.put(p, c.getFirst());
        }
        String last = params.getLast();
        Set<String> othersSeen = new LinkedHashSet<>();
        for (Identity o : others) {
            if (!o.name().equals(identity.name())) {
                othersSeen.addAll(candidates(o, op, last));
            }
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (String v : candidates(identity, op, last)) {
            if (othersSeen.contains(v)) {
                continue;
            }
            Map<String, String> a = new LinkedHashMap<>(prefix);
            a.put(last, v);
            out.add(a);
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    /**
     * Query parameters that reference an object only this identity has seen, by name
     * ({@code ?customerId=} takes values of fields named {@code customerId}); at most {@code limit}.
     */
    public List<Map.Entry<String, String>> ownedQuery(
            Identity identity, Operation op, List<Identity> others, int limit) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (var p : op.parameters(dev.vigil.discovery.ParameterLocation.QUERY)) {
            String wanted = normalize(p.name());
            if (wanted.equals("id") || !ID_FIELD.matcher(p.name()).matches()) {
                continue;
            }
            Set<String> othersSeen = new LinkedHashSet<>();
            for (Identity o : others) {
                if (!o.name().equals(identity.name())) {
                    othersSeen.addAll(byName(o, wanted));
                }
            }
            for (String v : byName(identity, wanted)) {
                if (!othersSeen.contains(v) && out.size() < limit) {
                    out.add(Map.entry(p.name(), v));
                }
            }
        }
        return out;
    }

    /**
     * Values this identity has seen for a reference field such as {@code fromAccountId}: fields
     * of the same name, fields whose id-like name ends it ({@code accountId}), and ids listed by a
     * collection named like it ({@code /accounts} for {@code …accountId}), in first-seen order.
     */
    public List<String> referenceValues(Identity identity, String fieldName) {
        String n = normalize(fieldName);
        Set<String> out = new LinkedHashSet<>();
        if (n.equals("id") || !ID_FIELD.matcher(fieldName).matches()) {
            return List.of();
        }
        for (Seen s : seen.getOrDefault(identity.name(), Set.of())) {
            String f = normalize(s.field());
            String collection = lastLiteral(s.source());
            boolean sameName = f.equals(n);
            boolean suffix = f.length() >= 5 && f.endsWith("id") && n.endsWith(f);
            boolean listed = f.equals("id") && !collection.isEmpty() && n.endsWith(singular(collection) + "id");
            if (sameName || suffix || listed) {
                out.add(s.value());
            }
        }
        return new ArrayList<>(out);
    }

    /** Reference values only this identity has seen (see {@link #referenceValues}); at most {@code limit}. */
    public List<String> ownedReferences(Identity identity, String fieldName, List<Identity> others, int limit) {
        Set<String> othersSeen = new LinkedHashSet<>();
        for (Identity o : others) {
            if (!o.name().equals(identity.name())) {
                othersSeen.addAll(referenceValues(o, fieldName));
            }
        }
        return referenceValues(identity, fieldName).stream()
                .filter(v -> !othersSeen.contains(v))
                .limit(limit)
                .toList();
    }

    private List<String> byName(Identity identity, String normalizedName) {
        Set<String> out = new LinkedHashSet<>();
        for (Seen s : seen.getOrDefault(identity.name(), Set.of())) {
            if (normalize(s.field()).equals(normalizedName)) {
                out.add(s.value());
            }
        }
        return new ArrayList<>(out);
    }

    /** Any assignment of seen values (owned or not), for tests that only need a working request. */
    public Map<String, String> anyValues(Identity identity, Operation op) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : op.pathParameterNames()) {
            List<String> c = candidates(identity, op, p);
            if (!c.isEmpty()) {
                out.put(p, c.getFirst());
            }
        }
        return out;
    }

    static String parentTemplate(String template, String param) {
        int at = template.indexOf("{" + param + "}");
        String before = at < 0 ? template : template.substring(0, at);
        return before.endsWith("/") && before.length() > 1 ? before.substring(0, before.length() - 1) : before;
    }

    private static String lastLiteral(String template) {
        String[] segs = template.split("/");
        for (int i = segs.length - 1; i >= 0; i--) {
            if (!segs[i].isEmpty() && !segs[i].startsWith("{")) {
                return normalize(segs[i]);
            }
        }
        return "";
    }

    private static String singular(String s) {
        if (s.endsWith("ies")) {
            return s.substring(0, s.length() - 3) + "y";
        }
        if (s.endsWith("ses")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
