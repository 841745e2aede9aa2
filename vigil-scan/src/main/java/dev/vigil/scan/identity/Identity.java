package dev.vigil.scan.identity;

import java.util.List;
import java.util.Objects;

/**
 * A caller the scanner acts as: a unique name, its roles, an optional tenant and how it gets
 * credentials. The anonymous identity has {@link CredentialSpec.None}.
 */
public record Identity(String name, List<String> roles, String tenant, CredentialSpec auth) {
    public static final String ANONYMOUS = "anonymous";

    public Identity {
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
        tenant = tenant == null ? "" : tenant;
        Objects.requireNonNull(auth, "auth");
    }

    public static Identity anonymous() {
        return new Identity(ANONYMOUS, List.of(), "", new CredentialSpec.None());
    }

    public boolean isAnonymous() {
        return auth instanceof CredentialSpec.None;
    }

    @Override
    public String toString() {
        return name + roles;
    }
}
