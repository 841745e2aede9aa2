package dev.vigil.scan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the top-level field names of a JSON object body; anything else has none. */
final class BodyFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BodyFields() {}

    static List<String> topLevelNames(String body) {
        if (body.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(body);
            List<String> out = new ArrayList<>();
            if (node != null && node.isObject()) {
                node.fieldNames().forEachRemaining(out::add);
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }
}
