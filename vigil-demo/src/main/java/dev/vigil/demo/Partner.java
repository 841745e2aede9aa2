package dev.vigil.demo;

import java.util.Objects;
import java.util.Set;

/** A third-party company calling the partner API with an API key or an OAuth2 client credential. */
public record Partner(
        String clientId, String clientSecret, String apiKey, String name, String tenantId, Set<String> scopes) {
    public Partner {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenantId, "tenantId");
        scopes = Set.copyOf(scopes);
    }
}
