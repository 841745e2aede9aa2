package dev.vigil.openapi;

import dev.vigil.discovery.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds observed endpoints that answer under an older API version while a newer version of the
 * same operation exists, observed or documented in a current spec. The version marker may be a
 * path segment ({@code /v1/users/{id}} vs {@code /v2/users/{userId}}) or a host label
 * ({@code v1.api.example.com} vs {@code v2.api.example.com}); everything else must line up, with
 * parameters matching anything.
 */
final class OldVersions {
    /** The newest equivalent found, described for a report. */
    record Newer(ApiVersion version, String description) {}

    /**
     * A route carrying a version marker. {@code host} is null for a documented operation whose spec
     * applies to every host.
     */
    private record Versioned(String host, RoutePattern path, ApiVersion version, String description) {}

    /** Versioned routes by method, observed first, then documented, in input order. */
    private final Map<String, RouteTrie<Versioned>> byMethod = new HashMap<>();

    OldVersions(List<Endpoint> inventory, SpecCatalog catalog) {
        for (Endpoint other : inventory) {
            String host = other.key().host().toLowerCase(Locale.ROOT);
            RoutePattern path = RoutePattern.of(other.key().pathTemplate());
            versionOf(host, path)
                    .ifPresent(version -> add(
                            other.key().method(),
                            new Versioned(
                                    host,
                                    path,
                                    version,
                                    "observed " + other.key().method() + " " + host
                                            + other.key().pathTemplate())));
        }
        for (SpecCatalog.Documented documented : catalog.all()) {
            if (!documented.current()) {
                continue;
            }
            String method = documented.operation().method();
            for (RoutePattern pattern : documented.patterns()) {
                String description = "documented " + method + " " + pattern + " in "
                        + documented.spec().source();
                if (documented.hosts().isEmpty()) {
                    ApiVersion.inPath(pattern)
                            .ifPresent(version -> add(method, new Versioned(null, pattern, version, description)));
                }
                for (String host : documented.hosts()) {
                    versionOf(host, pattern)
                            .ifPresent(version -> add(method, new Versioned(host, pattern, version, description)));
                }
            }
        }
    }

    private void add(String method, Versioned versioned) {
        byMethod.computeIfAbsent(method.toUpperCase(Locale.ROOT), k -> new RouteTrie<>())
                .add(versioned.path(), versioned);
    }

    private static Optional<ApiVersion> versionOf(String host, RoutePattern path) {
        return ApiVersion.inPath(path).or(() -> ApiVersion.inHost(host));
    }

    Optional<Newer> newerThan(Endpoint endpoint) {
        String host = endpoint.key().host().toLowerCase(Locale.ROOT);
        RoutePattern path = RoutePattern.of(endpoint.key().pathTemplate());
        Optional<ApiVersion> version = versionOf(host, path);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        ApiVersion mine = version.get();
        Newer best = null;
        int bestAlignment = -1;
        RouteTrie<Versioned> routes = byMethod.get(endpoint.key().method().toUpperCase(Locale.ROOT));
        List<RouteTrie.Entry<Versioned>> candidates =
                routes == null ? List.of() : routes.overlapping(path, mine.inHost() ? -1 : mine.index());
        for (RouteTrie.Entry<Versioned> candidate : candidates) {
            Versioned other = candidate.value();
            if (!other.version().comparableWith(mine) || other.version().compareTo(mine) <= 0) {
                continue;
            }
            boolean equivalent = mine.inHost()
                    ? other.host() != null
                            && ApiVersion.hostWithoutVersion(host, mine)
                                    .equals(ApiVersion.hostWithoutVersion(other.host(), other.version()))
                            && other.path().overlaps(path, -1)
                    : (other.host() == null || other.host().equals(host))
                            && other.path().overlaps(path, mine.index());
            if (equivalent) {
                Newer newer = new Newer(other.version(), other.description());
                int alignment = alignment(path, other.path());
                if (better(newer, alignment, best, bestAlignment)) {
                    best = newer;
                    bestAlignment = alignment;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Newer versions win; among equally new candidates, the one whose parameters sit where the
     * observed route has them: {@code /v1/users/{id}} corresponds to {@code /v2/users/{userId}}, not
     * to its literal sibling {@code /v2/users/me}. Remaining ties go to the first description, for
     * stable output.
     */
    private static boolean better(Newer candidate, int alignment, Newer current, int currentAlignment) {
        if (current == null) {
            return true;
        }
        int c = candidate.version().compareTo(current.version());
        if (c == 0) {
            c = Integer.compare(alignment, currentAlignment);
        }
        return c > 0 || (c == 0 && candidate.description().compareTo(current.description()) < 0);
    }

    /** How many segments agree on being a parameter or a literal. */
    private static int alignment(RoutePattern observed, RoutePattern documented) {
        int n = Math.min(observed.size(), documented.size());
        int same = 0;
        for (int i = 0; i < n; i++) {
            if (observed.isLiteral(i) == documented.isLiteral(i)) {
                same++;
            }
        }
        return same;
    }
}
