package dev.vigil.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** What one status code of an endpoint looked like: how often, and body schema per media type. */
public record ResponseSummary(int status, long count, Map<String, ObjectNode> bodies) {
    public ResponseSummary {
        bodies = java.util.Collections.unmodifiableMap(new TreeMap<>(bodies));
    }
}
