package dev.vigil.guard.policy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The guard's policy: one {@link RoutePolicy} per route name, and defaults for routes not listed. */
public record Policy(RoutePolicy defaults, Map<String, RoutePolicy> routes) {
    public Policy {
        Objects.requireNonNull(defaults, "defaults");
        routes = Map.copyOf(new TreeMap<>(routes));
    }

    /** Monitor mode everywhere with default thresholds. */
    public static Policy monitorAll() {
        return new Policy(RoutePolicy.DEFAULT, Map.of());
    }

    public RoutePolicy forRoute(String route) {
        return routes.getOrDefault(route, defaults);
    }
}
