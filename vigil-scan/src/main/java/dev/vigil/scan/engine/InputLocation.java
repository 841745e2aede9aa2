package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.surface.Operation;
import dev.vigil.scan.surface.OperationParameter;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One input of a request that a payload can replace: a path parameter, a query parameter or a
 * top-level JSON body field. Knows its current value and how to build the request with a new one.
 */
record InputLocation(Mutation.Into into, String name, String value) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String label() {
        return into.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }

    /** The injectable inputs of an operation's original request, in a stable order. */
    static List<InputLocation> of(
            Operation op, Observation original, Set<Mutation.Into> into, Map<String, String> pathValues) {
        List<InputLocation> out = new ArrayList<>();
        if (into.contains(Mutation.Into.PATH)) {
            for (String p : op.pathParameterNames()) {
                out.add(new InputLocation(Mutation.Into.PATH, p, pathValues.getOrDefault(p, op.sample(p))));
            }
        }
        if (into.contains(Mutation.Into.QUERY)) {
            Map<String, String> present = query(original.plainCall().url());
            for (OperationParameter p : op.parameters(ParameterLocation.QUERY)) {
                out.add(new InputLocation(Mutation.Into.QUERY, p.name(), present.getOrDefault(p.name(), p.sample())));
            }
        }
        if (into.contains(Mutation.Into.BODY) && !original.plainCall().body().isEmpty()) {
            try {
                JsonNode body = JSON.readTree(original.plainCall().body());
                if (body != null && body.isObject()) {
                    body.properties().forEach(e -> {
                        if (e.getValue().isValueNode()) {
                            out.add(new InputLocation(
                                    Mutation.Into.BODY, e.getKey(), e.getValue().asText()));
                        }
                    });
                }
            } catch (IOException e) {
                // not JSON: no body inputs
            }
        }
        return out;
    }

    /** The original request with this input set to {@code newValue}; empty if the URL cannot be built. */
    Optional<HttpCall> apply(
            Operation op, Observation original, Map<String, String> pathValues, URI base, String newValue) {
        HttpCall plain = original.plainCall();
        try {
            return switch (into) {
                case PATH -> {
                    Map<String, String> v = new LinkedHashMap<>(pathValues);
                    v.put(name, newValue);
                    Map<String, String> q = query(plain.url());
                    HttpCall c = op.call(base, v, q);
                    yield Optional.of(new HttpCall(plain.method(), c.url(), plain.headers(), plain.body()));
                }
                case QUERY -> {
                    Map<String, String> q = query(plain.url());
                    q.put(name, newValue);
                    HttpCall c = op.call(base, pathValues, q);
                    yield Optional.of(new HttpCall(plain.method(), c.url(), plain.headers(), plain.body()));
                }
                case BODY -> {
                    ObjectNode body = (ObjectNode) JSON.readTree(plain.body());
                    body.put(name, newValue);
                    yield Optional.of(plain.withBody(JSON.writeValueAsString(body)));
                }
            };
        } catch (IllegalArgumentException | IOException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * The original request with this input wrapped in a query operator: {@code name[$op]=value}
     * for a query parameter, {@code {"$op": value}} (original JSON type kept) for a body field.
     * Empty for path parameters.
     */
    Optional<HttpCall> applyOperator(Observation original, String operator) {
        HttpCall plain = original.plainCall();
        try {
            return switch (into) {
                case PATH -> Optional.empty();
                case QUERY -> {
                    URI u = plain.url();
                    List<String> pairs = new ArrayList<>();
                    boolean replaced = false;
                    for (String pair : u.getRawQuery() == null
                            ? new String[0]
                            : u.getRawQuery().split("&")) {
                        int eq = pair.indexOf('=');
                        String k = URLDecoder.decode(eq >= 0 ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
                        if (k.equals(name) && !replaced) {
                            pairs.add(encode(name + "[" + operator + "]") + "="
                                    + (eq >= 0 ? pair.substring(eq + 1) : ""));
                            replaced = true;
                        } else {
                            pairs.add(pair);
                        }
                    }
                    if (!replaced) {
                        yield Optional.empty();
                    }
                    String s = u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath() + "?"
                            + String.join("&", pairs);
                    yield Optional.of(plain.withUrl(new URI(s)));
                }
                case BODY -> {
                    ObjectNode body = (ObjectNode) JSON.readTree(plain.body());
                    JsonNode current = body.get(name);
                    if (current == null) {
                        yield Optional.empty();
                    }
                    ObjectNode wrapped = JSON.createObjectNode();
                    wrapped.set(operator, current);
                    body.set(name, wrapped);
                    yield Optional.of(plain.withBody(JSON.writeValueAsString(body)));
                }
            };
        } catch (IllegalArgumentException | IOException | ClassCastException | java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    static Map<String, String> query(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = url.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq >= 0 ? pair.substring(0, eq) : pair;
            String v = eq >= 0 ? pair.substring(eq + 1) : "";
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
