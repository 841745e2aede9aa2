package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.guard.detect.Detection.ModelViolation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON request body against the subset of JSON Schema that learned and documented schemas
 * state: {@code type} (with {@code nullable}), string {@code format} and {@code maxLength},
 * {@code properties}, {@code items}. Composition keywords ({@code allOf}, {@code oneOf}…) and
 * {@code $ref} are not interpreted: such a node accepts anything, so nothing is flagged that the
 * schema did not plainly forbid.
 */
final class BodyCheck {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_PROBLEMS = 5;

    /** One violation at a JSON path such as {@code $.items[].price}. */
    record Problem(ModelViolation violation, String path, String detail) {}

    private BodyCheck() {}

    /**
     * Problems of {@code body} against {@code schema}. When {@code closedTop} is true, top-level
     * properties the schema (or {@code alsoKnown}) does not list are reported as unknown fields.
     */
    static List<Problem> check(
            JsonNode schema, JsonNode body, boolean closedTop, java.util.function.Predicate<String> alsoKnown) {
        List<Problem> out = new ArrayList<>(2);
        if (closedTop && body.isObject() && schema.path("properties").isObject()) {
            JsonNode props = schema.get("properties");
            Iterator<String> names = body.fieldNames();
            while (names.hasNext() && out.size() < MAX_PROBLEMS) {
                String name = names.next();
                if (!props.has(name) && !alsoKnown.test(name)) {
                    out.add(new Problem(ModelViolation.UNKNOWN_FIELD, "$." + name, "field not in the learned schema"));
                }
            }
        }
        walk(schema, body, "$", 0, out);
        return out;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, int depth, List<Problem> out) {
        if (depth > MAX_DEPTH || out.size() >= MAX_PROBLEMS || schema == null || !schema.isObject()) {
            return;
        }
        if (schema.has("$ref") || schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
            return;
        }
        if (!typeAllowed(schema, value)) {
            out.add(new Problem(
                    ModelViolation.BODY_SCHEMA, path, "expected " + schema.get("type") + ", got " + kind(value)));
            return;
        }
        if (value.isTextual()) {
            String s = value.asText();
            int max = schema.path("maxLength").asInt(0);
            if (max > 0 && s.length() > max) {
                out.add(new Problem(
                        ModelViolation.OVERSIZED_VALUE, path, s.length() + " characters, documented maximum " + max));
            } else if (!ValueRule.matchesFormat(schema.path("format").asText(""), s)) {
                out.add(new Problem(
                        ModelViolation.BODY_SCHEMA,
                        path,
                        "expected format " + schema.path("format").asText()));
            }
        } else if (value.isObject() && schema.path("properties").isObject()) {
            for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
                JsonNode v = value.get(p.getKey());
                if (v != null) {
                    walk(p.getValue(), v, path + "." + p.getKey(), depth + 1, out);
                }
            }
        } else if (value.isArray() && schema.path("items").isObject()) {
            JsonNode items = schema.get("items");
            int i = 0;
            for (JsonNode v : value) {
                if (i++ >= 100) {
                    break; // Enough to judge a homogeneous array; bounds the cost of huge ones.
                }
                walk(items, v, path + "[]", depth + 1, out);
            }
        }
    }

    private static boolean typeAllowed(JsonNode schema, JsonNode value) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return true;
        }
        if (value.isNull() && schema.path("nullable").asBoolean(false)) {
            return true;
        }
        if (t.isTextual()) {
            return fits(t.asText(), value);
        }
        if (t.isArray()) {
            for (JsonNode n : t) {
                if (fits(n.asText(), value)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean fits(String type, JsonNode v) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "null" -> v.isNull();
            default -> true;
        };
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> v.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> "value";
        };
    }
}
