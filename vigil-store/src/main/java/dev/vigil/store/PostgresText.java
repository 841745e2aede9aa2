package dev.vigil.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Makes captured text storable: PostgreSQL rejects the NUL character in {@code text} and
 * {@code jsonb}, and raw traffic (broken records, examples) can contain it. NUL becomes U+FFFD,
 * the replacement character, so one bad byte cannot fail a whole save.
 */
final class PostgresText {
    private static final char NUL = '\u0000';
    private static final char REPLACEMENT = '\uFFFD';

    private PostgresText() {}

    static String text(String value) {
        return value.indexOf(NUL) < 0 ? value : value.replace(NUL, REPLACEMENT);
    }

    /** {@code node} itself when it holds no NUL, else a cleaned copy. */
    static JsonNode json(JsonNode node) {
        return containsNul(node) ? clean(node) : node;
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().indexOf(NUL) >= 0 || containsNul(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode element : node) {
            if (containsNul(element)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode clean(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isTextual()) {
            return nodes.textNode(text(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode out = nodes.objectNode();
            node.properties().forEach(e -> out.set(text(e.getKey()), clean(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = nodes.arrayNode();
            node.forEach(element -> out.add(clean(element)));
            return out;
        }
        return node;
    }
}
