package dev.vigil.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.Exposure;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.discovery.ResponseSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds inventory endpoints for tests, as discovery would have learned them. */
final class Observed {
    private final String host;
    private final String method;
    private final String path;
    private Instant lastSeen;
    private Exposure exposure = Exposure.PUBLIC;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, ObjectNode> requestBodies = new TreeMap<>();
    private final Map<Integer, ResponseSummary> responses = new TreeMap<>();

    private Observed(String method, String host, String path, Instant lastSeen) {
        this.method = method;
        this.host = host;
        this.path = path;
        this.lastSeen = lastSeen;
    }

    /** {@code target} is host and path, for example {@code shop.example.com/api/users/{id}}. */
    static Observed call(String method, String target, Instant lastSeen) {
        int slash = target.indexOf('/');
        return new Observed(method, target.substring(0, slash), target.substring(slash), lastSeen);
    }

    Observed query(String... names) {
        for (String name : names) {
            parameters.add(new Parameter(name, ParameterLocation.QUERY, false, string(), 1));
        }
        return this;
    }

    Observed header(String... names) {
        for (String name : names) {
            parameters.add(new Parameter(name, ParameterLocation.HEADER, false, string(), 1));
        }
        return this;
    }

    Observed request(String mediaType, String schema) {
        requestBodies.put(mediaType, (ObjectNode) SchemaDriftTest.json(schema));
        return this;
    }

    Observed response(int status, String schema) {
        return response(status, "application/json", schema);
    }

    Observed response(int status, String mediaType, String schema) {
        Map<String, ObjectNode> bodies = new TreeMap<>();
        ResponseSummary existing = responses.get(status);
        if (existing != null) {
            bodies.putAll(existing.bodies());
        }
        bodies.put(mediaType, (ObjectNode) SchemaDriftTest.json(schema));
        responses.put(status, new ResponseSummary(status, 1, bodies));
        return this;
    }

    Observed status(int status) {
        responses.put(status, new ResponseSummary(status, 1, Map.of()));
        return this;
    }

    Observed lastSeen(Instant instant) {
        this.lastSeen = instant;
        return this;
    }

    Observed exposure(Exposure value) {
        this.exposure = value;
        return this;
    }

    Endpoint build() {
        return new Endpoint(
                new EndpointKey(host, method, path),
                1.0,
                10,
                lastSeen.minusSeconds(86_400),
                lastSeen,
                exposure,
                List.of(),
                Set.of(),
                parameters,
                requestBodies,
                responses,
                List.of());
    }

    private static ObjectNode string() {
        return JsonNodeFactory.instance.objectNode().put("type", "string");
    }
}
