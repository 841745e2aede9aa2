package dev.vigil.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of one inventory operation: everything learned about it from traffic.
 * Schemas are JSON Schema 2020-12 objects; examples inside them are already redacted.
 */
public record Endpoint(
        EndpointKey key,
        double templateConfidence,
        long calls,
        Instant firstSeen,
        Instant lastSeen,
        Exposure exposure,
        List<AuthScheme> authSchemes,
        Set<String> principals,
        List<Parameter> parameters,
        Map<String, ObjectNode> requestBodies,
        Map<Integer, ResponseSummary> responses,
        List<SensitiveField> sensitiveFields) {

    public Endpoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(exposure, "exposure");
        authSchemes = List.copyOf(authSchemes);
        principals = java.util.Collections.unmodifiableSet(new TreeSet<>(principals));
        parameters = List.copyOf(parameters);
        requestBodies = java.util.Collections.unmodifiableMap(new TreeMap<>(requestBodies));
        responses = java.util.Collections.unmodifiableMap(new TreeMap<>(responses));
        sensitiveFields = List.copyOf(sensitiveFields);
    }
}
