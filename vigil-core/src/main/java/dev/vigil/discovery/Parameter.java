package dev.vigil.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A parameter observed for an endpoint. {@code schema} is a JSON Schema (2020-12) object inferred
 * from every sample; {@code required} means present in every call seen.
 */
public record Parameter(String name, ParameterLocation in, boolean required, ObjectNode schema, long seen) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(schema, "schema");
    }
}
