package dev.vigil.guard;

import java.util.List;
import java.util.Locale;

/** Picks the route for a request: exact host before {@code *}, then the longest path prefix. */
final class RouteTable {
    private final List<GuardConfig.Route> routes;

    RouteTable(List<GuardConfig.Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The route, or null when none matches. */
    GuardConfig.Route match(String hostHeader, String path) {
        return matchHost(hostOnly(hostHeader), path);
    }

    /** As {@link #match}, for a host already read with {@link #hostOnly}. */
    GuardConfig.Route matchHost(String host, String path) {
        GuardConfig.Route best = null;
        int bestScore = -1;
        for (GuardConfig.Route r : routes) {
            boolean exact = r.host().equals(host);
            if (!exact && !"*".equals(r.host())) {
                continue;
            }
            if (!prefixMatches(r.pathPrefix(), path)) {
                continue;
            }
            // Host specificity dominates prefix length.
            int score = (exact ? 1 << 20 : 0) + r.pathPrefix().length();
            if (score > bestScore) {
                best = r;
                bestScore = score;
            }
        }
        return best;
    }

    private static boolean prefixMatches(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        // "/api" matches "/api" and "/api/x" but not "/apix".
        return prefix.endsWith("/")
                || path.length() == prefix.length()
                || path.charAt(prefix.length()) == '/'
                || path.charAt(prefix.length()) == '?';
    }

    static String hostOnly(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return (end > 0 ? h.substring(0, end + 1) : h).toLowerCase(Locale.ROOT);
        }
        int colon = h.indexOf(':');
        return (colon >= 0 ? h.substring(0, colon) : h).toLowerCase(Locale.ROOT);
    }
}
