package dev.vigil.classify;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of sensitive data Vigil recognises, such as {@code credit_card} or {@code jwt}.
 *
 * <p>{@code id} is a stable snake_case identifier used in reports, suppressions and redaction
 * placeholders; {@code sensitivity} ranks harm on exposure from 1 (low) to 5 (critical).
 */
public record DataType(String id, String name, Category category, int sensitivity) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public DataType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("data type id must be snake_case: " + id);
        }
        if (sensitivity < 1 || sensitivity > 5) {
            throw new IllegalArgumentException("sensitivity must be 1..5, was " + sensitivity);
        }
    }

    static boolean validId(String id) {
        return ID.matcher(id).matches();
    }
}
