package dev.vigil.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.discovery.ParameterLocation;
import java.util.Objects;

/**
 * A documented parameter. {@code explode} and {@code style} follow OpenAPI (defaults already
 * applied) because they decide which query names an object parameter produces on the wire.
 */
public record SpecParameter(
        String name,
        ParameterLocation in,
        boolean required,
        boolean deprecated,
        String style,
        boolean explode,
        JsonNode schema) {
    public SpecParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
        style = Objects.requireNonNullElse(style, "");
        Objects.requireNonNull(schema, "schema");
    }
}
