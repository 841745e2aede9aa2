package dev.vigil.discovery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one exchange tells about authentication: every scheme it carries, in a stable order (the
 * Authorization header, API-key headers, query, cookies, then what the response issues), or just
 * {@link AuthScheme.None}; and who the caller is, when a credential identifies one.
 */
public record AuthObservation(List<AuthScheme> schemes, Optional<Principal> principal) {
    public AuthObservation {
        schemes = List.copyOf(schemes);
        Objects.requireNonNull(principal, "principal");
        if (schemes.isEmpty()) {
            throw new IllegalArgumentException("schemes must not be empty; use AuthScheme.None");
        }
    }

    public boolean authenticated() {
        return !(schemes.size() == 1 && schemes.get(0) instanceof AuthScheme.None);
    }
}
