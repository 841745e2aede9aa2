package dev.vigil.traffic;

import java.util.Objects;

/** One HTTP header as captured; names keep their original case, comparisons ignore it. */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public boolean named(String other) {
        return name.equalsIgnoreCase(other);
    }
}
