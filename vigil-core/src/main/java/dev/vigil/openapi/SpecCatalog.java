package dev.vigil.openapi;

import dev.vigil.discovery.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every documented operation of the given specs, placed in its spec's history, and the matching of
 * observed endpoints to them.
 *
 * <p>Specs form lineages: same title once version tokens are removed, and same version scope (the
 * version marker of the server URL or shared by all paths). Within a lineage the spec with the
 * highest {@code info.version} (ties: the later file) is current; the others are history. So two
 * releases of one API form one lineage, while a v1 and a v2 spec served side by side under
 * {@code /v1} and {@code /v2} are both current.
 *
 * <p>A spec whose servers name hosts applies only to those hosts when any of them appears in the
 * inventory; otherwise (relative servers, or hosts never seen, such as a production host name while
 * traffic was captured in staging) it applies to every host.
 */
final class SpecCatalog {
    /** A documented operation with the paths it answers on and the hosts it applies to (empty: any). */
    record Documented(
            int specIndex,
            ApiSpec spec,
            SpecOperation operation,
            List<RoutePattern> patterns,
            Set<String> hosts,
            String displayHost,
            boolean current) {}

    /** The documented operation an observed endpoint matched, and whether only by method fallback. */
    record Match(Documented documented, boolean exactMethod) {}

    private static final String ANY_METHOD = "*";

    private static final Pattern VERSION_TOKEN = Pattern.compile("(?i)v?\\d+(?:\\.\\d+)*|(?:api[-_]?)?v\\d+\\S*");

    private final List<Documented> documented = new ArrayList<>();
    /** Documented routes by method (and all of them under {@code *}), in spec order. */
    private final Map<String, RouteTrie<Documented>> index = new HashMap<>();

    private final Map<Integer, ApiSpec> newestByLineageSpec = new TreeMap<>();

    SpecCatalog(List<ApiSpec> specs, Set<String> observedHosts) {
        Map<String, List<Integer>> lineages = new TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            lineages.computeIfAbsent(lineageKey(specs.get(i)), k -> new ArrayList<>())
                    .add(i);
        }
        Set<Integer> current = new TreeSet<>();
        for (List<Integer> members : lineages.values()) {
            int newest = members.stream()
                    .max(Comparator.comparing((Integer i) -> specs.get(i).version(), SpecCatalog::compareVersions)
                            .thenComparing(Comparator.naturalOrder()))
                    .orElseThrow();
            current.add(newest);
            members.forEach(i -> newestByLineageSpec.put(i, specs.get(newest)));
        }
        for (int i = 0; i < specs.size(); i++) {
            ApiSpec spec = specs.get(i);
            Set<String> hosts = new TreeSet<>();
            spec.servers().forEach(url -> {
                String host = ServerUrls.host(url);
                if (!host.isEmpty()) {
                    hosts.add(host);
                }
            });
            String displayHost = hosts.isEmpty() ? "*" : hosts.iterator().next();
            Set<String> bound = hosts.stream().anyMatch(observedHosts::contains) ? hosts : Set.of();
            for (SpecOperation operation : spec.operations()) {
                Documented entry = new Documented(
                        i, spec, operation, patterns(spec, operation), bound, displayHost, current.contains(i));
                documented.add(entry);
                for (RoutePattern pattern : entry.patterns()) {
                    index.computeIfAbsent(operation.method(), k -> new RouteTrie<>())
                            .add(pattern, entry);
                    index.computeIfAbsent(ANY_METHOD, k -> new RouteTrie<>()).add(pattern, entry);
                }
            }
        }
    }

    List<Documented> all() {
        return documented;
    }

    /** The newest spec of the lineage that {@code spec} belongs to. */
    ApiSpec newestOf(Documented entry) {
        return newestByLineageSpec.get(entry.specIndex());
    }

    /**
     * The most specific documented operation for {@code endpoint} among current (or historic) specs.
     * The method must match; only when no operation has it, HEAD falls back to GET and OPTIONS to any
     * method on the same path, because servers answer those for documented routes by themselves.
     */
    Optional<Match> match(Endpoint endpoint, boolean current) {
        String method = endpoint.key().method().toUpperCase(Locale.ROOT);
        RoutePattern observed = RoutePattern.of(endpoint.key().pathTemplate());
        String host = endpoint.key().host().toLowerCase(Locale.ROOT);
        Optional<Documented> exact = best(observed, host, current, method);
        if (exact.isPresent()) {
            return Optional.of(new Match(exact.get(), true));
        }
        if (method.equals("OPTIONS")) {
            return best(observed, host, current, ANY_METHOD).map(d -> new Match(d, false));
        }
        if (method.equals("HEAD")) {
            return best(observed, host, current, "GET").map(d -> new Match(d, false));
        }
        return Optional.empty();
    }

    private Optional<Documented> best(RoutePattern observed, String host, boolean current, String method) {
        Documented best = null;
        int[] bestScore = null;
        RouteTrie<Documented> routes = index.get(method);
        if (routes == null) {
            return Optional.empty();
        }
        for (RouteTrie.Entry<Documented> candidate : routes.matching(observed)) {
            Documented entry = candidate.value();
            if (entry.current() != current
                    || !(entry.hosts().isEmpty() || entry.hosts().contains(host))) {
                continue;
            }
            Optional<int[]> score = candidate.pattern().match(observed);
            // Strictly better only: on a tie the earlier spec and operation win, deterministically.
            if (score.isPresent()
                    && (bestScore == null || RoutePattern.compareSpecificity(score.get(), bestScore) > 0)) {
                best = entry;
                bestScore = score.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Each operation answers under every server base path of its spec. */
    private static List<RoutePattern> patterns(ApiSpec spec, SpecOperation operation) {
        String firstBase = ServerUrls.basePath(
                spec.servers().isEmpty() ? "/" : spec.servers().getFirst());
        String path = operation.pathTemplate();
        Set<RoutePattern> patterns = new LinkedHashSet<>();
        patterns.add(RoutePattern.of(path));
        if (path.startsWith(firstBase)) {
            String relative = path.substring(firstBase.length());
            for (String server : spec.servers()) {
                patterns.add(RoutePattern.of(ServerUrls.basePath(server) + relative));
            }
        }
        return List.copyOf(patterns);
    }

    private static String lineageKey(ApiSpec spec) {
        String title =
                VERSION_TOKEN.matcher(spec.title().toLowerCase(Locale.ROOT)).replaceAll(" ");
        title = title.replaceAll("[^a-z0-9]+", " ").strip();
        return title + "|" + versionScope(spec);
    }

    private static String versionScope(ApiSpec spec) {
        if (!spec.servers().isEmpty()) {
            String server = spec.servers().getFirst();
            Optional<ApiVersion> version = ApiVersion.inPath(RoutePattern.of(ServerUrls.basePath(server)))
                    .or(() -> ApiVersion.inHost(ServerUrls.host(server)));
            if (version.isPresent()) {
                return version.get().text().toLowerCase(Locale.ROOT);
            }
        }
        Set<String> shared = new TreeSet<>();
        for (SpecOperation operation : spec.operations()) {
            shared.add(ApiVersion.inPath(RoutePattern.of(operation.pathTemplate()))
                    .map(v -> v.index() + ":" + v.text().toLowerCase(Locale.ROOT))
                    .orElse(""));
        }
        return shared.size() == 1 ? shared.iterator().next() : "";
    }

    /** Compares {@code info.version} strings by their numbers ({@code 1.10.0 > 1.9.2}), then as text. */
    static int compareVersions(String a, String b) {
        List<Integer> left = numbers(a);
        List<Integer> right = numbers(b);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = Integer.compare(left.get(i), right.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static List<Integer> numbers(String version) {
        List<Integer> numbers = new ArrayList<>();
        for (String token : version.split("\\D+")) {
            if (!token.isEmpty()) {
                numbers.add(Integer.parseInt(token.length() > 9 ? token.substring(0, 9) : token));
            }
        }
        return numbers;
    }
}
