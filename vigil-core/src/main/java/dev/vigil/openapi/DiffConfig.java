package dev.vigil.openapi;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of a spec diff. {@code zombieAfter}: an observed endpoint not seen for longer than this
 * is a stale zombie. {@code ignoredHosts}: endpoints on these hosts are left out entirely; an entry
 * {@code *.example.com} covers every subdomain, and an entry without port covers every port.
 */
public record DiffConfig(Duration zombieAfter, Set<String> ignoredHosts) {
    public DiffConfig {
        Objects.requireNonNull(zombieAfter, "zombieAfter");
        if (zombieAfter.isNegative() || zombieAfter.isZero()) {
            throw new IllegalArgumentException("zombieAfter must be positive, was " + zombieAfter);
        }
        TreeSet<String> hosts = new TreeSet<>();
        ignoredHosts.forEach(host -> hosts.add(host.strip().toLowerCase(Locale.ROOT)));
        ignoredHosts = Collections.unmodifiableSet(hosts);
    }

    /** Zombie after 30 days unseen, no ignored hosts. */
    public static DiffConfig defaults() {
        return new DiffConfig(Duration.ofDays(30), Set.of());
    }

    boolean ignores(String host) {
        String candidate = host.toLowerCase(Locale.ROOT);
        String withoutPort = candidate.replaceFirst(":\\d+$", "");
        for (String ignored : ignoredHosts) {
            if (ignored.equals(candidate) || ignored.equals(withoutPort)) {
                return true;
            }
            if (ignored.startsWith("*.") && withoutPort.endsWith(ignored.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
