package dev.vigil.discovery;

import java.util.List;
import java.util.Objects;

/**
 * Who made a call, as far as the traffic tells: a stable, non-secret identifier (a JWT subject, a
 * Basic user name, or a fingerprint of an opaque credential) plus roles when the token carries them.
 */
public record Principal(String id, String kind, List<String> roles) {
    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        roles = List.copyOf(roles);
    }
}
