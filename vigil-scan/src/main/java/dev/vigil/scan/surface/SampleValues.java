package dev.vigil.scan.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Sample values from JSON Schema: example, default or first enum value when given, else a value of
 * the declared type and format. Deterministic so plans and reports are stable.
 */
final class SampleValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleValues() {}

    /** A scalar sample as text (for path and query parameters). */
    static String scalar(JsonNode schema, String name, Map<String, String> overrides) {
        if (overrides.containsKey(name)) {
            return overrides.get(name);
        }
        JsonNode v = value(schema, 0);
        return v.isValueNode() ? v.asText() : v.toString();
    }

    static String body(JsonNode schema) {
        try {
            return JSON.writeValueAsString(value(schema, 0));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{}";
        }
    }

    static JsonNode value(JsonNode schema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema == null || schema.isMissingNode() || depth > 6) {
            return f.textNode("1");
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("examples")
                && schema.get("examples").isArray()
                && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        if (schema.has("default")) {
            return schema.get("default");
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        for (String combo : new String[] {"allOf", "oneOf", "anyOf"}) {
            if (schema.has(combo) && !schema.get(combo).isEmpty()) {
                if (combo.equals("allOf")) {
                    ObjectNode merged = f.objectNode();
                    schema.get(combo).forEach(s -> {
                        JsonNode part = value(s, depth + 1);
                        if (part.isObject()) {
                            merged.setAll((ObjectNode) part);
                        }
                    });
                    return merged;
                }
                return value(schema.get(combo).get(0), depth + 1);
            }
        }
        String type = type(schema);
        String format = schema.path("format").asText("");
        return switch (type) {
            case "integer" ->
                f.numberNode(
                        schema.path("minimum").asLong(1) > 1
                                ? schema.path("minimum").asLong()
                                : 1);
            case "number" -> f.numberNode(1.0);
            case "boolean" -> f.booleanNode(true);
            case "array" -> {
                ArrayNode a = f.arrayNode();
                a.add(value(schema.path("items"), depth + 1));
                yield a;
            }
            case "object" -> {
                ObjectNode o = f.objectNode();
                for (Map.Entry<String, JsonNode> e : schema.path("properties").properties()) {
                    if (!e.getValue().path("readOnly").asBoolean(false)) {
                        o.set(e.getKey(), value(e.getValue(), depth + 1));
                    }
                }
                yield o;
            }
            default ->
                f.textNode(
                        switch (format) {
                            case "uuid" -> "00000000-0000-4000-8000-000000000001";
                            case "email" -> "vigil@example.com";
                            case "date-time" -> "2026-01-01T00:00:00Z";
                            case "date" -> "2026-01-01";
                            case "uri", "url" -> "https://example.com/";
                            case "ipv4" -> "192.0.2.1";
                            default -> "vigil";
                        });
        };
    }

    static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode one : t) {
                if (!one.asText().equals("null")) {
                    return one.asText();
                }
            }
        }
        if (t.isTextual()) {
            return t.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }
}
