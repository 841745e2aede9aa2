package dev.vigil.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JSON form of an {@link Endpoint} snapshot, used to store it and to hand it over APIs.
 *
 * <p>{@link #write} is byte-stable: the same endpoint always gives the same text, object keys sorted
 * at every depth (also inside the JSON Schemas), no insignificant whitespace. {@link #read} accepts
 * any key order, so text that went through PostgreSQL {@code jsonb} (which reorders keys) reads back
 * to an equal endpoint. Numbers inside schemas come back as Jackson parses them (an {@code int}
 * stays an {@code IntNode}).
 *
 * <p>Malformed input fails with an {@link IllegalArgumentException} naming the JSON path of the
 * first bad field; it never echoes field values.
 */
public final class EndpointJson {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EndpointJson() {}

    /** The canonical text of {@code endpoint}. */
    public static String write(Endpoint endpoint) {
        try {
            return MAPPER.writeValueAsString(encode(endpoint));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise endpoint " + endpoint.key(), e);
        }
    }

    /** Parses text written by {@link #write} (keys in any order). */
    public static Endpoint read(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the input, which may hold examples; keep only the location.
            String where =
                    e.getLocation() == null ? "" : " at " + e.getLocation().offsetDescription();
            throw new IllegalArgumentException("endpoint JSON is not valid JSON" + where);
        }
        return decode(node);
    }

    /** The JSON tree of {@code endpoint}. */
    public static ObjectNode encode(Endpoint endpoint) {
        ObjectNode out = NODES.objectNode();
        out.put("host", endpoint.key().host());
        out.put("method", endpoint.key().method());
        out.put("pathTemplate", endpoint.key().pathTemplate());
        out.put("templateConfidence", finite(endpoint.templateConfidence(), "templateConfidence"));
        out.put("calls", endpoint.calls());
        out.put("firstSeen", endpoint.firstSeen().toString());
        out.put("lastSeen", endpoint.lastSeen().toString());
        out.put("exposure", endpoint.exposure().name());
        ArrayNode auth = out.putArray("authSchemes");
        endpoint.authSchemes().forEach(scheme -> auth.add(encodeAuth(scheme)));
        ArrayNode principals = out.putArray("principals");
        endpoint.principals().forEach(principals::add);
        ArrayNode parameters = out.putArray("parameters");
        for (Parameter p : endpoint.parameters()) {
            ObjectNode n = parameters.addObject();
            n.put("name", p.name());
            n.put("in", p.in().openApiName());
            n.put("required", p.required());
            n.set("schema", p.schema().deepCopy());
            n.put("seen", p.seen());
        }
        ObjectNode bodies = out.putObject("requestBodies");
        endpoint.requestBodies().forEach((media, schema) -> bodies.set(media, schema.deepCopy()));
        ObjectNode responses = out.putObject("responses");
        endpoint.responses().forEach((status, summary) -> {
            ObjectNode n = responses.putObject(Integer.toString(status));
            n.put("status", summary.status());
            n.put("count", summary.count());
            ObjectNode media = n.putObject("bodies");
            summary.bodies().forEach((type, schema) -> media.set(type, schema.deepCopy()));
        });
        ArrayNode sensitive = out.putArray("sensitiveFields");
        for (SensitiveField f : endpoint.sensitiveFields()) {
            ObjectNode n = sensitive.addObject();
            n.put("location", f.location());
            n.put("dataType", f.dataType());
            n.put("category", f.category());
            n.put("confidence", finite(f.confidence(), "sensitiveFields.confidence"));
            n.put("samples", f.samples());
            n.put("matches", f.matches());
        }
        return out;
    }

    /** The endpoint held by {@code node}; the inverse of {@link #encode}. */
    public static Endpoint decode(JsonNode node) {
        Reader r = new Reader(node, "$");
        EndpointKey key = new EndpointKey(r.text("host"), r.text("method"), r.text("pathTemplate"));
        List<AuthScheme> auth = r.array("authSchemes", EndpointJson::decodeAuth);
        Set<String> principals = new LinkedHashSet<>(r.array("principals", p -> p.self("string")));
        List<Parameter> parameters = r.array(
                "parameters",
                p -> new Parameter(
                        p.text("name"),
                        p.enumValue("in", ParameterLocation.class),
                        p.bool("required"),
                        p.object("schema"),
                        p.integer("seen")));
        Map<String, ObjectNode> bodies = r.map("requestBodies", Function.identity(), b -> b.objectSelf());
        Map<Integer, ResponseSummary> responses = r.map(
                "responses",
                EndpointJson::status,
                s -> new ResponseSummary(
                        (int) s.integer("status"),
                        s.integer("count"),
                        s.map("bodies", Function.identity(), b -> b.objectSelf())));
        List<SensitiveField> sensitive = r.array(
                "sensitiveFields",
                f -> new SensitiveField(
                        f.text("location"),
                        f.text("dataType"),
                        f.text("category"),
                        f.number("confidence"),
                        f.integer("samples"),
                        f.integer("matches")));
        return new Endpoint(
                key,
                r.number("templateConfidence"),
                r.integer("calls"),
                r.instant("firstSeen"),
                r.instant("lastSeen"),
                r.enumValue("exposure", Exposure.class),
                auth,
                principals,
                parameters,
                bodies,
                responses,
                sensitive);
    }

    /** The JSON form of one auth scheme, as it appears inside an encoded endpoint. */
    public static ObjectNode encodeAuthScheme(AuthScheme scheme) {
        return encodeAuth(scheme);
    }

    /** The inverse of {@link #encodeAuthScheme}. */
    public static AuthScheme decodeAuthScheme(JsonNode node) {
        return decodeAuth(new Reader(node, "$"));
    }

    private static ObjectNode encodeAuth(AuthScheme scheme) {
        ObjectNode n = NODES.objectNode();
        switch (scheme) {
            case AuthScheme.None none -> n.put("type", "none");
            case AuthScheme.Basic basic -> n.put("type", "basic");
            case AuthScheme.OpaqueBearer bearer -> n.put("type", "bearer");
            case AuthScheme.Jwt jwt -> {
                n.put("type", "jwt");
                n.put("alg", jwt.alg());
                n.put("issuer", jwt.issuer());
                jwt.audience().forEach(n.putArray("audience")::add);
                jwt.scopes().forEach(n.putArray("scopes")::add);
            }
            case AuthScheme.ApiKey key -> {
                n.put("type", "apiKey");
                n.put("in", key.in().openApiName());
                n.put("name", key.name());
            }
            case AuthScheme.SessionCookie cookie -> {
                n.put("type", "sessionCookie");
                n.put("name", cookie.name());
            }
            case AuthScheme.OAuth2TokenEndpoint oauth -> {
                n.put("type", "oauth2TokenEndpoint");
                oauth.grantTypes().forEach(n.putArray("grantTypes")::add);
            }
        }
        return n;
    }

    private static AuthScheme decodeAuth(Reader r) {
        String type = r.text("type");
        return switch (type) {
            case "none" -> new AuthScheme.None();
            case "basic" -> new AuthScheme.Basic();
            case "bearer" -> new AuthScheme.OpaqueBearer();
            case "jwt" ->
                new AuthScheme.Jwt(
                        r.text("alg"),
                        r.text("issuer"),
                        r.array("audience", a -> a.self("string")),
                        r.array("scopes", a -> a.self("string")));
            case "apiKey" -> new AuthScheme.ApiKey(r.enumValue("in", ParameterLocation.class), r.text("name"));
            case "sessionCookie" -> new AuthScheme.SessionCookie(r.text("name"));
            case "oauth2TokenEndpoint" ->
                new AuthScheme.OAuth2TokenEndpoint(r.array("grantTypes", a -> a.self("string")));
            default -> throw r.problem("type", "unknown auth scheme type");
        };
    }

    private static Integer status(String key) {
        try {
            return Integer.valueOf(key);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("$.responses has a key that is not a status code", e);
        }
    }

    private static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("endpoint " + field + " must be a finite number");
        }
        return value;
    }

    /** Typed access to one JSON node, failing with the JSON path of the bad field. */
    private record Reader(JsonNode node, String path) {
        JsonNode field(String name) {
            if (!node.isObject()) {
                throw new IllegalArgumentException(path + " must be an object");
            }
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw problem(name, "is missing");
            }
            return value;
        }

        IllegalArgumentException problem(String name, String what) {
            return new IllegalArgumentException(path + "." + name + " " + what);
        }

        String text(String name) {
            JsonNode v = field(name);
            if (!v.isTextual()) {
                throw problem(name, "must be a string");
            }
            return v.textValue();
        }

        String self(String what) {
            if (!node.isTextual()) {
                throw new IllegalArgumentException(path + " must be a " + what);
            }
            return node.textValue();
        }

        boolean bool(String name) {
            JsonNode v = field(name);
            if (!v.isBoolean()) {
                throw problem(name, "must be a boolean");
            }
            return v.booleanValue();
        }

        long integer(String name) {
            JsonNode v = field(name);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw problem(name, "must be an integer");
            }
            return v.longValue();
        }

        double number(String name) {
            JsonNode v = field(name);
            if (!v.isNumber()) {
                throw problem(name, "must be a number");
            }
            return v.doubleValue();
        }

        Instant instant(String name) {
            try {
                return Instant.parse(text(name));
            } catch (DateTimeParseException e) {
                throw problem(name, "must be an ISO-8601 instant");
            }
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) {
            String v = text(name);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(v)) {
                    return constant;
                }
            }
            throw problem(
                    name,
                    "must be one of "
                            + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
        }

        ObjectNode object(String name) {
            JsonNode v = field(name);
            if (!v.isObject()) {
                throw problem(name, "must be an object");
            }
            return (ObjectNode) v.deepCopy();
        }

        ObjectNode objectSelf() {
            if (!node.isObject()) {
                throw new IllegalArgumentException(path + " must be an object");
            }
            return (ObjectNode) node.deepCopy();
        }

        <T> List<T> array(String name, Function<Reader, T> element) {
            JsonNode v = field(name);
            if (!v.isArray()) {
                throw problem(name, "must be an array");
            }
            List<T> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                out.add(element.apply(new Reader(v.get(i), path + "." + name + "[" + i + "]")));
            }
            return out;
        }

        <K, V> Map<K, V> map(String name, Function<String, K> key, Function<Reader, V> value) {
            JsonNode v = field(name);
            if (!v.isObject()) {
                throw problem(name, "must be an object");
            }
            Map<K, V> out = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                // Keys are media types or status codes, never captured values, so naming them is safe.
                out.put(
                        key.apply(e.getKey()),
                        value.apply(new Reader(e.getValue(), path + "." + name + "[\"" + e.getKey() + "\"]")));
            }
            return out;
        }
    }
}
