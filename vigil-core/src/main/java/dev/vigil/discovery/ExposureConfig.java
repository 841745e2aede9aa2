package dev.vigil.discovery;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the operator knows about hosts and paths. Host entries are globs compared case-insensitively
 * without port: {@code *} matches any run of characters (dots included), so {@code *.example.com}
 * matches {@code a.b.example.com} but not {@code example.com}. When {@code ownedHosts} is empty,
 * ownership is unknown and only {@code outbound:} sources mark third-party calls; when it is set,
 * every host it does not match (and that is not internal or partner) is third-party. Path prefixes
 * match whole segments: {@code /partner} matches {@code /partner/x}, not {@code /partnership}.
 */
public record ExposureConfig(
        Set<String> internalHosts, Set<String> partnerHosts, Set<String> ownedHosts, Set<String> partnerPathPrefixes) {

    /** Names that by standard or convention resolve only inside a network or cluster. */
    public static final Set<String> CONVENTIONAL_INTERNAL_HOSTS = Set.of(
            "localhost",
            "*.localhost",
            "*.internal",
            "*.local",
            "*.localdomain",
            "*.home.arpa",
            "*.lan",
            "*.intranet",
            "*.svc",
            "*.svc.cluster.local",
            "*.cluster.local");

    public ExposureConfig {
        internalHosts = normalise(internalHosts, false);
        partnerHosts = normalise(partnerHosts, false);
        ownedHosts = normalise(ownedHosts, false);
        partnerPathPrefixes = normalise(partnerPathPrefixes, true);
    }

    public static ExposureConfig defaults() {
        return new ExposureConfig(CONVENTIONAL_INTERNAL_HOSTS, Set.of(), Set.of(), Set.of());
    }

    public ExposureConfig withInternalHosts(String... globs) {
        return new ExposureConfig(plus(internalHosts, globs), partnerHosts, ownedHosts, partnerPathPrefixes);
    }

    public ExposureConfig withPartnerHosts(String... globs) {
        return new ExposureConfig(internalHosts, plus(partnerHosts, globs), ownedHosts, partnerPathPrefixes);
    }

    public ExposureConfig withOwnedHosts(String... globs) {
        return new ExposureConfig(internalHosts, partnerHosts, plus(ownedHosts, globs), partnerPathPrefixes);
    }

    public ExposureConfig withPartnerPathPrefixes(String... prefixes) {
        return new ExposureConfig(internalHosts, partnerHosts, ownedHosts, plus(partnerPathPrefixes, prefixes));
    }

    private static Set<String> plus(Set<String> base, String... more) {
        return Stream.concat(base.stream(), Arrays.stream(more)).collect(Collectors.toSet());
    }

    private static Set<String> normalise(Set<String> values, boolean paths) {
        TreeSet<String> out = new TreeSet<>();
        for (String v : values) {
            String value = v.trim();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("exposure configuration entries must not be blank");
            }
            if (paths) {
                if (!value.startsWith("/")) {
                    throw new IllegalArgumentException("partner path prefix must start with '/': " + value);
                }
                while (value.length() > 1 && value.endsWith("/")) {
                    value = value.substring(0, value.length() - 1);
                }
                out.add(value);
            } else {
                out.add(value.toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
