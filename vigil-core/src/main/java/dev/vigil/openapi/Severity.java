package dev.vigil.openapi;

import java.util.Locale;

/** How urgent a diff finding is, lowest first; {@link #id()} is the lower-case name used in reports. */
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code info|low|medium|high} (any case); the message names the bad value otherwise. */
    public static Severity parse(String value) {
        for (Severity severity : values()) {
            if (severity.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + value + "', expected one of info, low, medium, high");
    }
}
