package dev.vigil.guard.detect;

import dev.vigil.discovery.EndpointKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The endpoints an API is known to have (from its OpenAPI documents or the learned inventory),
 * for positive-model enforcement: a request matching none of them is undocumented. Path templates
 * use {@code {name}} for one variable segment. An endpoint whose host is empty matches any host.
 * Immutable and thread-safe; lookups compare segment arrays and allocate only the split path.
 */
public final class PositiveModel {
    private final Map<String, List<String[]>> byHostMethodLength = new HashMap<>();
    private final int size;

    public PositiveModel(Collection<EndpointKey> endpoints) {
        for (EndpointKey e : endpoints) {
            String[] segments = segments(e.pathTemplate());
            byHostMethodLength
                    .computeIfAbsent(
                            key(e.host().toLowerCase(Locale.ROOT), e.method(), segments.length), k -> new ArrayList<>())
                    .add(segments);
        }
        this.size = endpoints.size();
    }

    public int size() {
        return size;
    }

    /** Whether {@code method host path} matches a known endpoint. {@code host} may carry a port. */
    public boolean knows(String host, String method, String path) {
        String[] segments = segments(path);
        String m = method.toUpperCase(Locale.ROOT);
        return matchesAny(byHostMethodLength.get(key(host.toLowerCase(Locale.ROOT), m, segments.length)), segments)
                || matchesAny(byHostMethodLength.get(key("", m, segments.length)), segments);
    }

    private static boolean matchesAny(List<String[]> templates, String[] segments) {
        if (templates == null) {
            return false;
        }
        for (String[] t : templates) {
            boolean match = true;
            for (int i = 0; i < t.length && match; i++) {
                String s = t[i];
                boolean variable = s.length() > 1 && s.charAt(0) == '{' && s.charAt(s.length() - 1) == '}';
                match = variable ? !segments[i].isEmpty() : s.equals(segments[i]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static String key(String host, String method, int length) {
        return host + ' ' + method.toUpperCase(Locale.ROOT) + ' ' + length;
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
