package dev.vigil.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One documented operation. {@code pathTemplate} is the full path including the first server's base
 * path; {@code requestBodies} maps media type to JSON Schema; {@code responses} maps a status code,
 * a range such as {@code 4XX}, or {@code default} to media type to JSON Schema. An empty media-type
 * map means the response is documented without a body schema.
 */
public record SpecOperation(
        String method,
        String pathTemplate,
        boolean deprecated,
        List<SpecParameter> parameters,
        Map<String, JsonNode> requestBodies,
        Map<String, Map<String, JsonNode>> responses) {

    public SpecOperation {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        parameters = List.copyOf(parameters);
        requestBodies = Collections.unmodifiableMap(new TreeMap<>(requestBodies));
        TreeMap<String, Map<String, JsonNode>> copy = new TreeMap<>();
        responses.forEach((status, bodies) -> copy.put(status, Collections.unmodifiableMap(new TreeMap<>(bodies))));
        responses = Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate;
    }
}
