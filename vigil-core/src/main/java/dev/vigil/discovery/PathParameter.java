package dev.vigil.discovery;

import java.util.Objects;

/**
 * A parameter segment of a {@link PathTemplate}.
 *
 * @param name unique within its template
 * @param type {@code "integer"} or {@code "string"}
 * @param format {@code "uuid"}, {@code "date"}, {@code "date-time"}, {@code "email"}, {@code "ulid"},
 *     {@code "hex"}, {@code "hash"}, {@code "token"}, or {@code ""} when none is known
 */
public record PathParameter(String name, String type, String format) {
    public PathParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
    }
}
