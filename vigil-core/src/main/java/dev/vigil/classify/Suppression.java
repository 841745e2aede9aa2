package dev.vigil.classify;

import java.util.Objects;

/**
 * A user's decision that a data type reported at some locations is a false positive.
 *
 * <p>{@code locationGlob} matches {@code SensitiveField} locations such as {@code
 * response:$.orders[].reference}; {@code *} matches any run of characters and {@code ?} one
 * character, everything else is literal. {@code dataTypeId} is a type id or {@code *} for all.
 * {@code reason} is required so suppressions stay reviewable.
 */
public record Suppression(String locationGlob, String dataTypeId, String reason) {
    public Suppression {
        Objects.requireNonNull(locationGlob, "locationGlob");
        Objects.requireNonNull(dataTypeId, "dataTypeId");
        Objects.requireNonNull(reason, "reason");
        if (locationGlob.isBlank() || reason.isBlank()) {
            throw new IllegalArgumentException("locationGlob and reason must not be blank");
        }
        if (!dataTypeId.equals("*") && !DataType.validId(dataTypeId)) {
            throw new IllegalArgumentException("dataTypeId must be a data type id or *: " + dataTypeId);
        }
    }

    boolean matches(String location, String typeId) {
        return (dataTypeId.equals("*") || dataTypeId.equals(typeId)) && Glob.matches(locationGlob, location);
    }
}
