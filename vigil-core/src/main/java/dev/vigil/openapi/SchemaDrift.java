package dev.vigil.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares a schema inferred from traffic with a documented JSON Schema and lists where traffic
 * goes beyond the documentation: fields the documented objects do not declare, and value types the
 * documented schema does not allow. Nested objects and arrays are walked; an undocumented subtree
 * is reported once at its root. Missing optional fields are never drift.
 *
 * <p>Documentation rules: a schema without type accepts any type; {@code number} accepts integers;
 * an object without declared properties is free-form unless {@code additionalProperties: false};
 * {@code additionalProperties} with a schema checks undeclared fields against it; {@code allOf}
 * branches are merged; for {@code oneOf}/{@code anyOf} the branch that explains traffic best wins.
 */
final class SchemaDrift {
    /** One place where traffic is not explained by the documented schema. */
    record Drift(FindingKind kind, String location, String message) {}

    private static final int MAX_DEPTH = 48;
    private static final int MAX_ALTERNATIVES = 32;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    List<Drift> compare(JsonNode observed, JsonNode documented) {
        return compare(observed, documented, "$", 0);
    }

    private List<Drift> compare(JsonNode observed, JsonNode documented, String location, int depth) {
        if (depth > MAX_DEPTH || observed == null || !observed.isObject()) {
            return List.of();
        }
        List<Drift> best = null;
        for (JsonNode alternative : alternatives(documented == null ? NODES.objectNode() : documented, 0)) {
            List<Drift> drifts = compareOne(observed, alternative, location, depth);
            if (drifts.isEmpty()) {
                return List.of();
            }
            if (best == null || drifts.size() < best.size()) {
                best = drifts;
            }
        }
        return best == null ? List.of() : best;
    }

    private List<Drift> compareOne(JsonNode observed, JsonNode documented, String location, int depth) {
        Set<String> documentedTypes = documentedTypes(documented);
        Set<String> observedTypes = observedTypes(observed);
        List<Drift> drifts = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String type : observedTypes) {
            if (!accepts(documentedTypes, documented, type)) {
                unexpected.add(type);
            }
        }
        if (!unexpected.isEmpty()) {
            drifts.add(new Drift(
                    FindingKind.DRIFT_TYPE_CHANGE,
                    location,
                    "documented " + String.join("|", documentedTypes) + ", observed " + String.join("|", unexpected)));
        }
        if (observedTypes.contains("object") && accepts(documentedTypes, documented, "object")) {
            drifts.addAll(compareProperties(observed, documented, location, depth));
        }
        if (observedTypes.contains("array") && accepts(documentedTypes, documented, "array")) {
            JsonNode observedItems = observedPart(observed, "items");
            if (observedItems != null) {
                drifts.addAll(compare(observedItems, documented.path("items"), location + "[]", depth + 1));
            }
        }
        return drifts;
    }

    private List<Drift> compareProperties(JsonNode observed, JsonNode documented, String location, int depth) {
        Map<String, JsonNode> observedProperties = new TreeMap<>();
        collectProperties(observed, observedProperties);
        JsonNode declared = documented.path("properties");
        JsonNode additional = documented.get("additionalProperties");
        boolean closed = additional != null && additional.isBoolean() && !additional.asBoolean();
        if (declared.isEmpty() && !closed && (additional == null || !additional.isObject())) {
            return List.of(); // free-form object
        }
        List<Drift> drifts = new ArrayList<>();
        observedProperties.forEach((name, schema) -> {
            String child = location + (PLAIN_NAME.matcher(name).matches() ? "." + name : "['" + name + "']");
            if (declared.has(name)) {
                drifts.addAll(compare(schema, declared.get(name), child, depth + 1));
            } else if (additional != null && additional.isObject()) {
                drifts.addAll(compare(schema, additional, child, depth + 1));
            } else if (additional == null || !additional.asBoolean(false)) {
                drifts.add(new Drift(FindingKind.DRIFT_NEW_FIELD, child, "field not in documented schema"));
            }
        });
        return drifts;
    }

    /** Observed schemas may spread alternatives over {@code anyOf}/{@code oneOf}; collect every property. */
    private static void collectProperties(JsonNode observed, Map<String, JsonNode> into) {
        for (Map.Entry<String, JsonNode> field : observed.path("properties").properties()) {
            into.putIfAbsent(field.getKey(), field.getValue());
        }
        for (String keyword : List.of("anyOf", "oneOf", "allOf")) {
            for (JsonNode branch : observed.path(keyword)) {
                collectProperties(branch, into);
            }
        }
    }

    private static JsonNode observedPart(JsonNode observed, String keyword) {
        if (observed.has(keyword)) {
            return observed.get(keyword);
        }
        for (String composition : List.of("anyOf", "oneOf", "allOf")) {
            for (JsonNode branch : observed.path(composition)) {
                JsonNode part = observedPart(branch, keyword);
                if (part != null) {
                    return part;
                }
            }
        }
        return null;
    }

    private static Set<String> observedTypes(JsonNode observed) {
        Set<String> types = new TreeSet<>(typeKeyword(observed));
        for (String keyword : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : observed.path(keyword)) {
                types.addAll(observedTypes(branch));
            }
        }
        if (types.isEmpty() && observed.has("properties")) {
            types.add("object");
        }
        if (types.isEmpty() && observed.has("items")) {
            types.add("array");
        }
        return types;
    }

    private static Set<String> documentedTypes(JsonNode documented) {
        Set<String> types = new TreeSet<>(typeKeyword(documented));
        if (types.isEmpty() && (documented.has("properties") || documented.has("additionalProperties"))) {
            types.add("object");
        }
        if (types.isEmpty() && documented.has("items")) {
            types.add("array");
        }
        if (types.isEmpty() && documented.has("enum")) {
            documented.get("enum").forEach(value -> types.add(jsonType(value)));
        }
        return types;
    }

    private static Set<String> typeKeyword(JsonNode schema) {
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static boolean accepts(Set<String> documentedTypes, JsonNode documented, String type) {
        if (documentedTypes.isEmpty() || documentedTypes.contains(type)) {
            return true;
        }
        if (type.equals("integer") && documentedTypes.contains("number")) {
            return true;
        }
        if (type.equals("null")) {
            for (JsonNode value : documented.path("enum")) {
                if (value.isNull()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String jsonType(JsonNode value) {
        if (value.isNull()) {
            return "null";
        } else if (value.isBoolean()) {
            return "boolean";
        } else if (value.isIntegralNumber()) {
            return "integer";
        } else if (value.isNumber()) {
            return "number";
        } else if (value.isArray()) {
            return "array";
        } else if (value.isObject()) {
            return "object";
        }
        return "string";
    }

    /** The documented schema as a list of plain alternatives: allOf merged, oneOf/anyOf expanded. */
    private static List<JsonNode> alternatives(JsonNode schema, int depth) {
        if (!schema.isObject() || depth > 8) {
            return List.of(schema.isObject() ? schema : NODES.objectNode());
        }
        ObjectNode base = ((ObjectNode) schema).deepCopy();
        JsonNode allOf = base.remove("allOf");
        JsonNode oneOf = base.remove("oneOf");
        JsonNode anyOf = base.remove("anyOf");
        List<JsonNode> current = List.of(base);
        if (allOf != null) {
            for (JsonNode branch : allOf) {
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode left : current) {
                    for (JsonNode right : alternatives(branch, depth + 1)) {
                        next.add(merge(left, right));
                    }
                }
                current = cap(next);
            }
        }
        for (JsonNode choice : new JsonNode[] {oneOf, anyOf}) {
            if (choice == null || choice.isEmpty()) {
                continue;
            }
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode left : current) {
                for (JsonNode branch : choice) {
                    for (JsonNode right : alternatives(branch, depth + 1)) {
                        next.add(merge(left, right));
                    }
                }
            }
            current = cap(next);
        }
        return current;
    }

    private static List<JsonNode> cap(List<JsonNode> alternatives) {
        return alternatives.size() > MAX_ALTERNATIVES ? alternatives.subList(0, MAX_ALTERNATIVES) : alternatives;
    }

    /** Both schemas at once: properties united, types intersected, other keywords from either side. */
    private static JsonNode merge(JsonNode left, JsonNode right) {
        ObjectNode out = ((ObjectNode) left).deepCopy();
        for (Map.Entry<String, JsonNode> field : right.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (keyword.equals("properties") && out.has("properties")) {
                ObjectNode properties = (ObjectNode) out.get("properties");
                value.properties().forEach(p -> properties.putIfAbsent(p.getKey(), p.getValue()));
            } else if (keyword.equals("type") && out.has("type")) {
                Set<String> both = new TreeSet<>(typeKeyword(out));
                both.retainAll(typeKeyword(right));
                if (!both.isEmpty()) {
                    ArrayNode types = NODES.arrayNode();
                    both.forEach(types::add);
                    out.set("type", both.size() == 1 ? types.get(0) : types);
                }
            } else if (!out.has(keyword)) {
                out.set(keyword, value);
            }
        }
        return out;
    }
}
