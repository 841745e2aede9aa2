package dev.vigil.scan.surface;

import dev.vigil.discovery.ParameterLocation;
import java.util.Objects;

/**
 * A parameter of an {@link Operation} with the JSON type and format it takes, a usable sample value
 * and its documented {@code maximum} (-1 when none is documented).
 */
public record OperationParameter(
        String name, ParameterLocation in, boolean required, String type, String format, String sample, long maximum) {
    public OperationParameter(
            String name, ParameterLocation in, boolean required, String type, String format, String sample) {
        this(name, in, required, type, format, sample, -1);
    }

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
