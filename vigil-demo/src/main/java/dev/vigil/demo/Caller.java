package dev.vigil.demo;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Who made a request, as proven by its credentials. */
public sealed interface Caller {

    String tenantId();

    /** A signed-in bank user, carrying the roles from their access token. */
    record Person(UUID userId, String tenantId, Set<Role> roles) implements Caller {
        public Person {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(tenantId, "tenantId");
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        public boolean has(Role role) {
            return roles.contains(role);
        }
    }

    /** A partner application, by API key or client-credentials token. */
    record PartnerApp(String clientId, String tenantId, Set<String> scopes) implements Caller {
        public PartnerApp {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(tenantId, "tenantId");
            scopes = Set.copyOf(scopes);
        }
    }
}
