package dev.vigil.guard.detect;

/** Read access to request headers by case-insensitive name; returns the first value or null. */
@FunctionalInterface
public interface HeaderLookup {
    String get(String name);
}
