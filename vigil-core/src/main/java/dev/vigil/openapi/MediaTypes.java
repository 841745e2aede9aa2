package dev.vigil.openapi;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the documented media type that covers an observed one: exact (parameters such as
 * {@code charset} ignored), then the JSON family ({@code application/problem+json} is JSON), then
 * {@code type/*}, then {@code *}{@code /*}.
 */
final class MediaTypes {
    private MediaTypes() {}

    static Optional<String> documentedFor(String observed, Set<String> documented) {
        String seen = essence(observed);
        for (String candidate : documented) {
            if (essence(candidate).equals(seen)) {
                return Optional.of(candidate);
            }
        }
        if (isJson(seen)) {
            for (String candidate : documented) {
                if (isJson(essence(candidate))) {
                    return Optional.of(candidate);
                }
            }
        }
        String family = seen.contains("/") ? seen.substring(0, seen.indexOf('/')) : seen;
        for (String candidate : documented) {
            if (essence(candidate).equals(family + "/*")) {
                return Optional.of(candidate);
            }
        }
        for (String candidate : documented) {
            if (essence(candidate).equals("*/*")) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType)
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String essence) {
        return essence.equals("application/json") || essence.endsWith("+json");
    }
}
