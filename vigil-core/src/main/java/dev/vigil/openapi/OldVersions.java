package dev.vigil.openapi;

import dev.vigil.discovery.Endpoint;
import java.util.List;
import java.util.Locale;
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

    private final List<Endpoint> inventory;
    private final SpecCatalog catalog;

    OldVersions(List<Endpoint> inventory, SpecCatalog catalog) {
        this.inventory = List.copyOf(inventory);
        this.catalog = catalog;
    }

    Optional<Newer> newerThan(Endpoint endpoint) {
        RoutePattern path = RoutePattern.of(endpoint.key().pathTemplate());
        String host = endpoint.key().host().toLowerCase(Locale.ROOT);
        Optional<ApiVersion> inPath = ApiVersion.inPath(path);
        Optional<ApiVersion> version = inPath.or(() -> ApiVersion.inHost(host));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        ApiVersion mine = version.get();
        Newer best = null;
        for (Endpoint other : inventory) {
            if (!other.key().method().equalsIgnoreCase(endpoint.key().method())) {
                continue;
            }
            String otherHost = other.key().host().toLowerCase(Locale.ROOT);
            Optional<ApiVersion> theirs = equivalentVersion(
                    mine, path, host, RoutePattern.of(other.key().pathTemplate()), otherHost);
            if (theirs.isPresent()) {
                best = newest(
                        best,
                        new Newer(
                                theirs.get(),
                                "observed " + other.key().method() + " " + otherHost
                                        + other.key().pathTemplate()));
            }
        }
        for (SpecCatalog.Documented documented : catalog.all()) {
            if (!documented.current()
                    || !documented
                            .operation()
                            .method()
                            .equalsIgnoreCase(endpoint.key().method())) {
                continue;
            }
            List<String> hosts = documented.hosts().isEmpty() ? List.of(host) : List.copyOf(documented.hosts());
            for (RoutePattern pattern : documented.patterns()) {
                for (String documentedHost : hosts) {
                    Optional<ApiVersion> theirs = equivalentVersion(mine, path, host, pattern, documentedHost);
                    if (theirs.isPresent()) {
                        best = newest(
                                best,
                                new Newer(
                                        theirs.get(),
                                        "documented " + documented.operation().method() + " " + pattern + " in "
                                                + documented.spec().source()));
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<ApiVersion> equivalentVersion(
            ApiVersion mine, RoutePattern path, String host, RoutePattern otherPath, String otherHost) {
        Optional<ApiVersion> theirs;
        if (mine.inHost()) {
            theirs = ApiVersion.inHost(otherHost);
            if (theirs.isEmpty()
                    || !theirs.get().comparableWith(mine)
                    || !ApiVersion.hostWithoutVersion(host, mine)
                            .equals(ApiVersion.hostWithoutVersion(otherHost, theirs.get()))
                    || !otherPath.overlaps(path, -1)) {
                return Optional.empty();
            }
        } else {
            theirs = ApiVersion.inPath(otherPath);
            if (theirs.isEmpty()
                    || !theirs.get().comparableWith(mine)
                    || !host.equals(otherHost)
                    || !otherPath.overlaps(path, mine.index())) {
                return Optional.empty();
            }
        }
        return theirs.get().compareTo(mine) > 0 ? theirs : Optional.empty();
    }

    private static Newer newest(Newer current, Newer candidate) {
        if (current == null) {
            return candidate;
        }
        int c = candidate.version().compareTo(current.version());
        if (c > 0 || (c == 0 && candidate.description().compareTo(current.description()) < 0)) {
            return candidate;
        }
        return current;
    }
}
