package dev.vigil.discovery;

import java.util.Objects;

/**
 * A place in an endpoint's traffic carrying a sensitive data type.
 *
 * <p>{@code location} names the place: {@code query:card}, {@code header:authorization},
 * {@code cookie:sid}, {@code path:ssn}, {@code request:$.card.number}, {@code response:$.items[].email}.
 * {@code confidence} is in [0, 1], built over {@code samples} observations of which {@code matches}
 * matched.
 */
public record SensitiveField(
        String location, String dataType, String category, double confidence, long samples, long matches) {
    public SensitiveField {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(category, "category");
    }
}
