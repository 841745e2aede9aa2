package dev.vigil.guard.detect;

import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** Read access to request headers: by case-insensitive name, and all of them in order. */
public interface HeaderLookup {
    /** The first value of the header named {@code name} (any case), or null. */
    String get(String name);

    /** Every header line in arrival order: its name as received and its value. */
    void forEach(BiConsumer<CharSequence, String> action);

    /** Headers from a map, looked up case-insensitively (each name once). */
    static HeaderLookup of(Map<String, String> headers) {
        Map<String, String> lower = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return new HeaderLookup() {
            @Override
            public String get(String name) {
                return lower.get(name.toLowerCase(Locale.ROOT));
            }

            @Override
            public void forEach(BiConsumer<CharSequence, String> action) {
                headers.forEach(action);
            }
        };
    }
}
