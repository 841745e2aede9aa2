package dev.vigil.guard.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every known operation template compiled into one segment trie per host (and one for {@code *},
 * for specs valid on any host). Matching walks the path's segments once, preferring a literal
 * segment over a parameter and backtracking only when a literal branch dead-ends, so lookup cost
 * grows with path depth, not with the number of endpoints. Built once, then read-only.
 */
final class TemplateIndex {
    static final String ANY_HOST = "*";

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>(4);
        Node parameter;
        final Map<String, EndpointModel> methods = new HashMap<>(2);
    }

    /** The outcome of a lookup. {@code endpoint} is null when the path or method is unknown. */
    record Match(EndpointModel endpoint, String[] segments, boolean pathKnown) {}

    private final Map<String, Node> hosts = new HashMap<>();
    private final List<EndpointModel> all = new ArrayList<>();

    void add(String host, EndpointModel endpoint) {
        Node n = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Node());
        for (String s : endpoint.pathNames) {
            if (isParameter(s)) {
                if (n.parameter == null) {
                    n.parameter = new Node();
                }
                n = n.parameter;
            } else {
                n = n.literals.computeIfAbsent(s, k -> new Node());
            }
        }
        if (n.methods.putIfAbsent(endpoint.method, endpoint) == null) {
            all.add(endpoint);
        }
    }

    List<EndpointModel> endpoints() {
        return all;
    }

    static boolean isParameter(String segment) {
        return segment.length() >= 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }

    /**
     * The match for a request, or null when no template is known for its host (nothing to judge).
     * The host's own templates are tried first, then the ones for every host.
     */
    Match match(String hostHeader, String method, String path) {
        Node own = hostRoot(hostHeader);
        Node any = hosts.get(ANY_HOST);
        if (own == null && any == null) {
            return null;
        }
        String[] segments = segments(path);
        Match first = own == null ? null : match(own, method, segments);
        if (first != null && first.endpoint() != null) {
            return first;
        }
        Match second = any == null ? null : match(any, method, segments);
        if (second != null && second.endpoint() != null) {
            return second;
        }
        // Neither knows the operation: report the more informative miss (a known path beats none).
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        return second.pathKnown() && !first.pathKnown() ? second : first;
    }

    private static Match match(Node root, String method, String[] segments) {
        Node n = find(root, segments, 0);
        if (n == null) {
            return new Match(null, segments, false);
        }
        EndpointModel e = n.methods.get(method);
        if (e == null && method.equals("HEAD")) {
            e = n.methods.get("GET");
        }
        return new Match(e, segments, true);
    }

    private Node hostRoot(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String h = hostHeader.toLowerCase(Locale.ROOT);
        Node n = hosts.get(h);
        if (n != null) {
            return n;
        }
        int bracket = h.lastIndexOf(']');
        int colon = h.lastIndexOf(':');
        return colon > bracket ? hosts.get(h.substring(0, colon)) : null;
    }

    private static Node find(Node n, String[] segments, int i) {
        if (i == segments.length) {
            return n.methods.isEmpty() ? null : n;
        }
        Node literal = n.literals.get(segments[i]);
        if (literal != null) {
            Node found = find(literal, segments, i + 1);
            if (found != null) {
                return found;
            }
        }
        return n.parameter == null ? null : find(n.parameter, segments, i + 1);
    }

    /** Non-empty segments of a path (a trailing slash does not make another operation). */
    static String[] segments(String path) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        int len = path.length();
        for (int i = 0; i <= len; i++) {
            if (i == len || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }
}
