package dev.vigil.guard.model;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.Detection.ModelViolation;
import dev.vigil.guard.detect.StreamingJson;

/**
 * {@link BodyCheck}'s rules applied token by token to a JSON body that streams through the guard:
 * unknown top-level fields of a closed schema, {@code type} (with {@code nullable}), string {@code
 * format} and {@code maxLength}. A string too long for the streaming parser to keep is oversized
 * when its schema has any {@code maxLength}. Composition keywords and {@code $ref} accept anything,
 * as in {@link BodyCheck}. State is one schema node and one name per nesting level.
 */
final class SchemaStream implements StreamingJson.Events {
    private static final int LEVELS = 130;

    private final EndpointModel endpoint;
    private final boolean closedTop;
    private final JsonNode[] containers = new JsonNode[LEVELS];
    private final boolean[] arrays = new boolean[LEVELS];
    private final JsonNode[] fieldSchemas = new JsonNode[LEVELS];
    private final String[] names = new String[LEVELS];

    SchemaStream(EndpointModel endpoint, boolean closedTop) {
        this.endpoint = endpoint;
        this.closedTop = closedTop;
    }

    @Override
    public Detection field(int depth, String name) {
        if (depth >= LEVELS) {
            return null;
        }
        names[depth] = name;
        JsonNode container = containers[depth];
        JsonNode props = container == null ? null : container.get("properties");
        fieldSchemas[depth] = props == null || !props.isObject() ? null : props.get(name);
        if (depth == 1
                && closedTop
                && props != null
                && props.isObject()
                && !props.has(name)
                && !endpoint.knowsField(name)) {
            return violation(ModelViolation.UNKNOWN_FIELD, "$." + name, "field not in the learned schema");
        }
        return null;
    }

    @Override
    public Detection start(int depth, boolean array) {
        if (depth >= LEVELS) {
            return null;
        }
        JsonNode schema = schemaAt(depth);
        arrays[depth] = array;
        containers[depth] = schema;
        if (schema != null && !typeAllowed(schema, array ? "array" : "object", "")) {
            containers[depth] = null;
            return violation(
                    ModelViolation.BODY_SCHEMA,
                    path(depth),
                    "expected " + schema.get("type") + ", got " + (array ? "array" : "object"));
        }
        return null;
    }

    @Override
    public void end(int depth) {
        if (depth < LEVELS) {
            containers[depth] = null;
            fieldSchemas[depth] = null;
        }
    }

    @Override
    public Detection scalar(int depth, JsonToken token, String text) {
        if (depth >= LEVELS) {
            return null;
        }
        JsonNode schema = schemaAt(depth);
        if (schema == null) {
            return null;
        }
        String kind =
                switch (token) {
                    case VALUE_STRING -> "string";
                    case VALUE_NUMBER_INT -> "integer";
                    case VALUE_NUMBER_FLOAT -> "number";
                    case VALUE_TRUE, VALUE_FALSE -> "boolean";
                    default -> "null";
                };
        if (!typeAllowed(schema, kind, text)) {
            return violation(
                    ModelViolation.BODY_SCHEMA, path(depth), "expected " + schema.get("type") + ", got " + kind);
        }
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        int max = schema.path("maxLength").asInt(0);
        if (max > 0 && text.length() > max) {
            return violation(
                    ModelViolation.OVERSIZED_VALUE,
                    path(depth),
                    text.length() + " characters, documented maximum " + max);
        }
        if (!ValueRule.matchesFormat(schema.path("format").asText(""), text)) {
            return violation(
                    ModelViolation.BODY_SCHEMA,
                    path(depth),
                    "expected format " + schema.path("format").asText());
        }
        return null;
    }

    @Override
    public Detection tooLarge(int depth, String what) {
        JsonNode schema = depth < LEVELS ? schemaAt(depth) : null;
        int max = schema == null ? 0 : schema.path("maxLength").asInt(0);
        if (what.equals("value") && max > 0) {
            return violation(
                    ModelViolation.OVERSIZED_VALUE,
                    path(Math.min(depth, LEVELS - 1)),
                    "more than " + StreamingJson.MAX_STRING + " characters, documented maximum " + max);
        }
        return null;
    }

    /** The schema of the value at {@code depth}, or null when anything goes there. */
    private JsonNode schemaAt(int depth) {
        JsonNode s;
        if (depth == 1) {
            s = endpoint.bodySchema;
        } else if (arrays[depth - 1]) {
            JsonNode parent = containers[depth - 1];
            s = parent == null ? null : parent.get("items");
        } else {
            s = fieldSchemas[depth - 1];
        }
        if (s == null || !s.isObject() || s.has("$ref") || s.has("allOf") || s.has("oneOf") || s.has("anyOf")) {
            return null;
        }
        return s;
    }

    private static boolean typeAllowed(JsonNode schema, String kind, String text) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return true;
        }
        if (kind.equals("null") && schema.path("nullable").asBoolean(false)) {
            return true;
        }
        if (t.isTextual()) {
            return fits(t.asText(), kind, text);
        }
        if (t.isArray()) {
            for (JsonNode n : t) {
                if (fits(n.asText(), kind, text)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean fits(String type, String kind, String text) {
        return switch (type) {
            case "integer" -> kind.equals("integer") || (kind.equals("number") && wholeNumber(text));
            case "number" -> kind.equals("integer") || kind.equals("number");
            case "string", "boolean", "object", "array", "null" -> type.equals(kind);
            default -> true;
        };
    }

    private static boolean wholeNumber(String text) {
        try {
            double d = Double.parseDouble(text);
            return d == Math.rint(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String path(int depth) {
        StringBuilder sb = new StringBuilder("$");
        for (int i = 1; i < depth && i < LEVELS; i++) {
            if (arrays[i]) {
                sb.append("[]");
            } else {
                sb.append('.').append(names[i]);
            }
        }
        return sb.toString();
    }

    private Detection violation(ModelViolation v, String path, String detail) {
        return new Detection.SpecViolation(v, endpoint.name, "body:" + path, detail);
    }
}
