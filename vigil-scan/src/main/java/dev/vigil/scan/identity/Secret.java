package dev.vigil.scan.identity;

import java.util.Objects;

/** A credential value. Its {@link #toString()} never shows it, so it cannot leak through logs or messages. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "***";
    }
}
