package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns concrete request paths into operation templates ({@code /users/123} to {@code /users/{userId}},
 * {@code /users/me} stays literal), learning per host from the paths it observes.
 *
 * <p>Each host has a path trie. A segment becomes a parameter at once when its shape is an identifier
 * (integer, UUID, hash or hex id, ULID, ISO date or date-time, email, opaque or prefixed token). Free-text
 * segments (usernames, slugs) stay literal until their node has seen at least {@link
 * TemplatingConfig#minDistinctForVariable()} distinct values and the evidence in {@link MergePolicy}
 * says they are values rather than resource words; then they merge into one parameter, and their
 * subtrees merge too, which lets deeper parameters emerge ({@code /repos/{owner}/{repo}/issues/{n}}).
 * {@code v1}-style versions and a date as first segment (a dated API version such as {@code
 * /2010-04-01/Accounts}) never become parameters; configured reserved tokens stay literal in the path
 * prefix, up to the first parameter (below it they are data, such as a repository named {@code api}). Seeded spec templates take priority: their
 * parameters absorb every free-text value at their position and keep their spec names.
 *
 * <p>Derived parameter names are the preceding literal singularised plus {@code Id}
 * ({@code /categories/{categoryId}}), {@code id} when there is none, numbered to stay unique.
 *
 * <p><b>Confidence</b> is the minimum over the template's segments of: 1.0 for a literal or seeded
 * parameter; the shape's confidence for a typed parameter (0.92 token up to 0.99 UUID); {@code 0.9 *
 * (1 - e^(-k/m))} for a merged parameter backed by {@code k} distinct values with {@code m} the minimum
 * (0.57 at the minimum); and 0.5 for a segment the trie has never seen (only from {@link #resolve}).
 *
 * <p>Thread-safe: hosts are independent, and each host's trie is guarded by its own lock.
 */
public final class PathTemplater {
    static final String ANY_HOST = "*";

    private final TemplatingConfig config;
    private final ConcurrentHashMap<String, HostTrie> hosts = new ConcurrentHashMap<>();
    /** Templates seeded for every host, replayed into tries created later. */
    private final List<List<String>> wildcardSeeds = new ArrayList<>();

    public PathTemplater(TemplatingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Adds a template from an imported spec, for {@code host} or, with {@code "*"}, for every host. */
    public void seed(String host, String template) {
        List<String> segments = segments(template);
        if (ANY_HOST.equals(host)) {
            synchronized (wildcardSeeds) {
                wildcardSeeds.add(segments);
                hosts.values().forEach(trie -> trie.seed(segments));
            }
        } else {
            trie(host).seed(segments);
        }
    }

    /** Learns from one concrete path (query and fragment ignored) and returns its template as known now. */
    public PathTemplate observe(String host, String path) {
        return trie(host).observe(segments(path));
    }

    /**
     * The current template for a concrete path or for a template returned earlier, without learning.
     * {@code {x}} segments in the input stay parameters.
     */
    public PathTemplate resolve(String host, String pathOrTemplate) {
        HostTrie trie = hosts.get(normalHost(host));
        if (trie == null) {
            trie = new HostTrie(config, new TemplateNode());
            synchronized (wildcardSeeds) {
                for (List<String> seed : wildcardSeeds) {
                    trie.seed(seed);
                }
            }
        }
        return trie.resolve(segments(pathOrTemplate));
    }

    /** Everything learned, as deterministic JSON (sorted keys) for {@link #importState}. */
    public JsonNode exportState() {
        synchronized (wildcardSeeds) {
            return TemplateStateCodec.encode(hosts, wildcardSeeds);
        }
    }

    /** Replaces what this templater knows with an exported state, so a later run continues from it. */
    public void importState(JsonNode state) {
        TemplateStateCodec.Decoded decoded = TemplateStateCodec.decode(state, config);
        synchronized (wildcardSeeds) {
            hosts.clear();
            hosts.putAll(decoded.hosts());
            wildcardSeeds.clear();
            wildcardSeeds.addAll(decoded.wildcardSeeds());
        }
    }

    private HostTrie trie(String host) {
        return hosts.computeIfAbsent(normalHost(host), h -> {
            HostTrie trie = new HostTrie(config, new TemplateNode());
            synchronized (wildcardSeeds) {
                for (List<String> seed : wildcardSeeds) {
                    trie.seed(seed);
                }
            }
            return trie;
        });
    }

    private static String normalHost(String host) {
        return Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
    }

    /** Non-empty segments before any {@code ?} or {@code #}. */
    static List<String> segments(String path) {
        Objects.requireNonNull(path, "path");
        List<String> out = new ArrayList<>(8);
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
