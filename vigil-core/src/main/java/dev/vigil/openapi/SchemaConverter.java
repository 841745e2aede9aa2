package dev.vigil.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a parsed (fully resolved) swagger-parser schema into the plain JSON Schema the diff
 * compares against inferred schemas. Only the keywords that decide shape are kept. OpenAPI 3.0
 * {@code nullable} becomes a {@code "null"} type, as in 3.1.
 *
 * <p>Recursive schemas are resolved by the parser into object cycles; a cycle is cut with an empty
 * schema (accepts anything) so a recursive document never reports false drift below the cut.
 */
final class SchemaConverter {
    private static final int MAX_DEPTH = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<Schema<?>, Boolean> inProgress = new IdentityHashMap<>();

    JsonNode convert(Schema<?> schema) {
        return convert(schema, 0);
    }

    private ObjectNode convert(Schema<?> schema, int depth) {
        ObjectNode out = NODES.objectNode();
        if (schema == null || depth > MAX_DEPTH || inProgress.containsKey(schema)) {
            return out;
        }
        if (schema.get$ref() != null) {
            // A reference the parser could not inline (external or cyclic): unknown shape, accept anything.
            return out;
        }
        inProgress.put(schema, Boolean.TRUE);
        try {
            fill(schema, depth, out);
        } finally {
            inProgress.remove(schema);
        }
        return out;
    }

    private void fill(Schema<?> schema, int depth, ObjectNode out) {
        Set<String> types = new TreeSet<>();
        if (schema.getTypes() != null) {
            types.addAll(schema.getTypes());
        }
        if (schema.getType() != null) {
            types.add(schema.getType());
        }
        if (!types.isEmpty() && Boolean.TRUE.equals(schema.getNullable())) {
            types.add("null");
        }
        if (types.size() == 1) {
            out.put("type", types.iterator().next());
        } else if (types.size() > 1) {
            ArrayNode array = out.putArray("type");
            types.forEach(array::add);
        }
        if (schema.getFormat() != null) {
            out.put("format", schema.getFormat());
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            ArrayNode values = out.putArray("enum");
            schema.getEnum().forEach(value -> values.add(mapper.valueToTree(value)));
        }
        if (schema.getConst() != null) {
            out.set("const", mapper.valueToTree(schema.getConst()));
        }
        if (schema.getProperties() != null) {
            ObjectNode properties = out.putObject("properties");
            schema.getProperties().forEach((name, property) -> properties.set(name, convert(property, depth + 1)));
        }
        if (schema.getRequired() != null && !schema.getRequired().isEmpty()) {
            ArrayNode required = out.putArray("required");
            schema.getRequired().forEach(required::add);
        }
        if (schema.getItems() != null) {
            out.set("items", convert(schema.getItems(), depth + 1));
        }
        Object additional = schema.getAdditionalProperties();
        if (additional instanceof Boolean allowed) {
            out.put("additionalProperties", allowed);
        } else if (additional instanceof Schema<?> valueSchema && valueSchema.getBooleanSchemaValue() != null) {
            // OpenAPI 3.1 parses `additionalProperties: false` into a boolean schema.
            out.put("additionalProperties", valueSchema.getBooleanSchemaValue());
        } else if (additional instanceof Schema<?> valueSchema) {
            out.set("additionalProperties", convert(valueSchema, depth + 1));
        }
        composition(out, "allOf", schema.getAllOf(), depth);
        composition(out, "oneOf", schema.getOneOf(), depth);
        composition(out, "anyOf", schema.getAnyOf(), depth);
    }

    // swagger-models declares these lists with the raw Schema type.
    @SuppressWarnings("rawtypes")
    private void composition(ObjectNode out, String keyword, List<Schema> branches, int depth) {
        if (branches == null || branches.isEmpty()) {
            return;
        }
        ArrayNode array = out.putArray(keyword);
        for (Schema<?> branch : branches) {
            array.add(convert(branch, depth + 1));
        }
    }
}
