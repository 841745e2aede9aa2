package dev.vigil.scan.identity;

import java.util.List;
import java.util.Objects;

/**
 * A caller the scanner acts as: a unique name, its roles, an optional tenant and how it gets
 * credentials. The anonymous identity has {@link CredentialSpec.None}.
 *
 * <p>{@code foreignAudience}: the credentials are meant for another API (another {@code aud});
 * such an identity takes part only in the foreign-audience test. {@code lockoutProbe}: the scan
 * may send failed logins for this identity to test for a lockout (it may end up locked).
 * {@code jwksUrl}: where the issuer publishes its public keys (empty: look on the target).
 */
public record Identity(
        String name,
        List<String> roles,
        String tenant,
        CredentialSpec auth,
        boolean foreignAudience,
        boolean lockoutProbe,
        String jwksUrl) {
    public static final String ANONYMOUS = "anonymous";

    public Identity {
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
        tenant = tenant == null ? "" : tenant;
        Objects.requireNonNull(auth, "auth");
        jwksUrl = jwksUrl == null ? "" : jwksUrl;
    }

    /** An ordinary identity: used by every test, never probed for lockout. */
    public Identity(String name, List<String> roles, String tenant, CredentialSpec auth) {
        this(name, roles, tenant, auth, false, false, "");
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
