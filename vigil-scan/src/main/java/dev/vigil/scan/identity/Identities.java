package dev.vigil.scan.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every identity of a scan plus the role ladder ({@code roleLevels}: higher is more privileged) and
 * the expected-access rules used by the function-level checks. Always includes the anonymous identity.
 */
public record Identities(List<Identity> all, Map<String, Integer> roleLevels, List<AccessRule> access) {
    public Identities {
        List<Identity> withAnonymous = new ArrayList<>(all);
        if (withAnonymous.stream().noneMatch(Identity::isAnonymous)) {
            withAnonymous.add(0, Identity.anonymous());
        }
        all = List.copyOf(withAnonymous);
        roleLevels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roleLevels));
        access = List.copyOf(access);
    }

    /** Identities that carry credentials for this API, in file order (not those declared for another audience). */
    public List<Identity> authenticated() {
        return all.stream()
                .filter(i -> !i.isAnonymous() && !i.foreignAudience())
                .toList();
    }

    /** Identities whose credentials are declared to be for another API (another {@code aud}). */
    public List<Identity> foreignAudience() {
        return all.stream().filter(Identity::foreignAudience).toList();
    }

    public Identity anonymous() {
        return all.stream().filter(Identity::isAnonymous).findFirst().orElseThrow();
    }

    public Optional<Identity> named(String name) {
        return all.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** Privilege level: the highest level among its roles; anonymous is -1, unlisted roles are 0. */
    public int level(Identity identity) {
        if (identity.isAnonymous()) {
            return -1;
        }
        return identity.roles().stream()
                .mapToInt(r -> roleLevels.getOrDefault(r, 0))
                .max()
                .orElse(0);
    }

    public int levelOfRole(String role) {
        return roleLevels.getOrDefault(role, 0);
    }

    public int maxLevel() {
        return authenticated().stream().mapToInt(this::level).max().orElse(0);
    }
}
