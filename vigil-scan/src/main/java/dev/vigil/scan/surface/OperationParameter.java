package dev.vigil.scan.surface;

import dev.vigil.discovery.ParameterLocation;
import java.util.Objects;

/** A parameter of an {@link Operation} with the JSON type and format it takes and a usable sample value. */
public record OperationParameter(
        String name, ParameterLocation in, boolean required, String type, String format, String sample) {
    public OperationParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
        type = type == null ? "string" : type;
        format = format == null ? "" : format;
        sample = sample == null ? "" : sample;
    }

    public boolean numeric() {
        return type.equals("integer") || type.equals("number");
    }
}
