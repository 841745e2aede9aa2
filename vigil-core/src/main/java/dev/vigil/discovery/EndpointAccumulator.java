package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.classify.FieldEvidence;
import dev.vigil.classify.Match;
import dev.vigil.classify.Suppressions;
import dev.vigil.discovery.schema.BodyAnalyzer;
import dev.vigil.discovery.schema.SchemaNode;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything learned so far about one operation. Mutable; every method is called under the
 * instance's monitor by {@link DiscoveryEngine}.
 */
final class EndpointAccumulator {
    /** Request headers that every client sends and that say nothing about the API. */
    private static final Set<String> INFRASTRUCTURE_HEADERS = Set.of(
            "accept",
            "accept-encoding",
            "accept-language",
            "authorization",
            "cache-control",
            "connection",
            "content-length",
            "content-type",
            "cookie",
            "host",
            "origin",
            "pragma",
            "referer",
            "user-agent",
            "te",
            "upgrade-insecure-requests",
            "forwarded",
            "via",
            "if-none-match",
            "if-modified-since",
            "dnt",
            "priority",
            "keep-alive",
            "proxy-authorization",
            "proxy-connection",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto",
            "x-forwarded-port",
            "x-real-ip",
            "transfer-encoding",
            "expect",
            "content-encoding",
            "range",
            "if-match",
            "if-range",
            "if-unmodified-since",
            "http2-settings",
            "upgrade",
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-extensions");

    private static final int MAX_PRINCIPALS = 10_000;
    private static final int MAX_PARAMETERS = 100;

    private final EndpointKey key;
    private PathTemplate template;
    private long calls;
    private Instant firstSeen;
    private Instant lastSeen;
    private final EnumMap<Exposure, Long> exposures = new EnumMap<>(Exposure.class);
    private final TreeMap<String, AuthScheme> authSchemes = new TreeMap<>();
    private final TreeSet<String> principals = new TreeSet<>();
    private final TreeMap<Integer, SchemaNode> pathParameters = new TreeMap<>();
    private final EnumMap<ParameterLocation, TreeMap<String, SchemaNode>> parameters =
            new EnumMap<>(ParameterLocation.class);
    private final TreeMap<String, SchemaNode> requestBodies = new TreeMap<>();
    private final TreeMap<Integer, Long> statusCounts = new TreeMap<>();
    private final TreeMap<Integer, TreeMap<String, SchemaNode>> responseBodies = new TreeMap<>();

    EndpointAccumulator(EndpointKey key, PathTemplate template) {
        this.key = key;
        this.template = template;
    }

    EndpointKey key() {
        return key;
    }

    void absorb(Exchange exchange, AuthObservation auth, Exposure exposure, BodyAnalyzer bodies) {
        Exchange.Request request = exchange.request();
        calls++;
        Instant at = exchange.startedAt();
        if (firstSeen == null || at.isBefore(firstSeen)) {
            firstSeen = at;
        }
        if (lastSeen == null || at.isAfter(lastSeen)) {
            lastSeen = at;
        }
        exposures.merge(exposure, 1L, Long::sum);
        Set<String> credentialNames = new HashSet<>();
        for (AuthScheme scheme : auth.schemes()) {
            authSchemes.put(scheme.id(), scheme);
            if (scheme instanceof AuthScheme.ApiKey apiKey) {
                credentialNames.add(apiKey.name().toLowerCase(Locale.ROOT));
            } else if (scheme instanceof AuthScheme.SessionCookie cookie) {
                credentialNames.add(cookie.name().toLowerCase(Locale.ROOT));
            }
        }
        auth.principal().ifPresent(p -> {
            if (principals.size() < MAX_PRINCIPALS) {
                principals.add(p.id());
            }
        });
        absorbPath(request.path(), bodies);
        absorbNamed(ParameterLocation.QUERY, request.queryParameters(), credentialNames, bodies);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header h : request.headers()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (!INFRASTRUCTURE_HEADERS.contains(lower) && !lower.startsWith("sec-") && !lower.startsWith(":")) {
                headers.add(Map.entry(lower, h.value()));
            }
        }
        absorbNamed(ParameterLocation.HEADER, headers, credentialNames, bodies);
        absorbNamed(ParameterLocation.COOKIE, request.cookies(), credentialNames, bodies);
        if (!request.body().isEmpty()) {
            String media = Exchange.Headers.mediaType(request.headers());
            absorbBody(requestBodies, media, request.body(), bodies);
        }
        exchange.response().ifPresent(response -> {
            statusCounts.merge(response.status(), 1L, Long::sum);
            if (!response.body().isEmpty()) {
                String media = Exchange.Headers.mediaType(response.headers());
                absorbBody(
                        responseBodies.computeIfAbsent(response.status(), s -> new TreeMap<>()),
                        media,
                        response.body(),
                        bodies);
            }
        });
    }

    private void absorbPath(String path, BodyAnalyzer bodies) {
        if (template.parameters().isEmpty()) {
            return;
        }
        String[] concrete = segments(path);
        String[] templated = segments(template.value());
        for (int i = 0; i < templated.length && i < concrete.length; i++) {
            if (templated[i].startsWith("{")) {
                String name = templated[i].substring(1, templated[i].length() - 1);
                SchemaNode node = pathParameters.computeIfAbsent(i, n -> new SchemaNode(name));
                bodies.absorbParameter(node, name, PathSegments.decode(concrete[i]), true);
            }
        }
    }

    private void absorbNamed(
            ParameterLocation in,
            List<Map.Entry<String, String>> values,
            Set<String> credentialNames,
            BodyAnalyzer bodies) {
        if (values.isEmpty()) {
            return;
        }
        TreeMap<String, SchemaNode> nodes = parameters.computeIfAbsent(in, l -> new TreeMap<>());
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> entry : values) {
            String name = entry.getKey();
            if (name.isEmpty() || credentialNames.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            SchemaNode node = nodes.get(name);
            if (node == null) {
                if (nodes.size() >= MAX_PARAMETERS) {
                    continue;
                }
                node = new SchemaNode(name);
                nodes.put(name, node);
            }
            // A name repeated in one request is one presence, however many values it carried.
            bodies.absorbParameter(node, name, entry.getValue(), seen.add(name));
        }
    }

    private static void absorbBody(
            TreeMap<String, SchemaNode> byMedia, String media, String body, BodyAnalyzer bodies) {
        String type = media.isEmpty() ? "application/octet-stream" : media;
        SchemaNode node = byMedia.computeIfAbsent(type, t -> new SchemaNode("$"));
        if (type.contains("json")) {
            if (!bodies.absorbJson(body, node)) {
                node.opaque();
            }
        } else if (type.equals("application/x-www-form-urlencoded")) {
            bodies.absorbForm(Exchange.Headers.formPairs(body), node);
        } else {
            node.opaque();
        }
    }

    /** Folds another accumulator (an older key that now resolves to this one) into this. */
    void merge(EndpointAccumulator other) {
        calls += other.calls;
        if (other.firstSeen != null && (firstSeen == null || other.firstSeen.isBefore(firstSeen))) {
            firstSeen = other.firstSeen;
        }
        if (other.lastSeen != null && (lastSeen == null || other.lastSeen.isAfter(lastSeen))) {
            lastSeen = other.lastSeen;
        }
        other.exposures.forEach((k, v) -> exposures.merge(k, v, Long::sum));
        authSchemes.putAll(other.authSchemes);
        for (String p : other.principals) {
            if (principals.size() >= MAX_PRINCIPALS) {
                break;
            }
            principals.add(p);
        }
        // Path segments that were literal in the other key become samples of this key's parameters.
        String[] mine = segments(template.value());
        String[] theirs = segments(other.template.value());
        for (int i = 0; i < mine.length && i < theirs.length; i++) {
            if (!mine[i].startsWith("{")) {
                continue;
            }
            String name = mine[i].substring(1, mine[i].length() - 1);
            SchemaNode node = pathParameters.computeIfAbsent(i, n -> new SchemaNode(name));
            SchemaNode theirNode = other.pathParameters.get(i);
            if (theirNode != null) {
                node.merge(theirNode);
            } else if (!theirs[i].startsWith("{")) {
                node.literal(PathSegments.decode(theirs[i]), other.calls);
            }
        }
        other.parameters.forEach((in, nodes) -> {
            TreeMap<String, SchemaNode> target = parameters.computeIfAbsent(in, l -> new TreeMap<>());
            nodes.forEach((name, node) ->
                    target.computeIfAbsent(name, SchemaNode::new).merge(node));
        });
        other.requestBodies.forEach((m, n) ->
                requestBodies.computeIfAbsent(m, x -> new SchemaNode("$")).merge(n));
        other.statusCounts.forEach((k, v) -> statusCounts.merge(k, v, Long::sum));
        other.responseBodies.forEach((status, byMedia) -> {
            TreeMap<String, SchemaNode> target = responseBodies.computeIfAbsent(status, s -> new TreeMap<>());
            byMedia.forEach((m, n) ->
                    target.computeIfAbsent(m, x -> new SchemaNode("$")).merge(n));
        });
    }

    /** Rebinds to a newer template for the same key (names or confidence may have changed). */
    void retemplate(PathTemplate newer) {
        template = newer;
    }

    Endpoint snapshot(Suppressions suppressions) {
        List<Parameter> params = new ArrayList<>();
        String[] templated = segments(template.value());
        Map<String, PathParameter> declared = new LinkedHashMap<>();
        template.parameters().forEach(p -> declared.put(p.name(), p));
        for (int i = 0; i < templated.length; i++) {
            if (!templated[i].startsWith("{")) {
                continue;
            }
            String name = templated[i].substring(1, templated[i].length() - 1);
            SchemaNode node = pathParameters.get(i);
            ObjectNode schema = node == null ? JsonNodeFactory.instance.objectNode() : node.toJsonSchema();
            PathParameter typed = declared.get(name);
            if (typed != null) {
                schema.put("type", typed.type());
                if (!typed.format().isEmpty()) {
                    schema.put("format", typed.format());
                }
                schema.remove("enum");
            }
            params.add(
                    new Parameter(name, ParameterLocation.PATH, true, schema, node == null ? calls : node.presentIn()));
        }
        parameters.forEach((in, nodes) -> nodes.forEach((name, node) ->
                params.add(new Parameter(name, in, node.presentIn() >= calls, node.toJsonSchema(), node.presentIn()))));

        Map<String, ObjectNode> requests = new TreeMap<>();
        requestBodies.forEach((m, n) -> requests.put(m, n.toJsonSchema()));
        Map<Integer, ResponseSummary> responses = new TreeMap<>();
        statusCounts.forEach((status, count) -> {
            Map<String, ObjectNode> media = new TreeMap<>();
            responseBodies.getOrDefault(status, new TreeMap<>()).forEach((m, n) -> media.put(m, n.toJsonSchema()));
            responses.put(status, new ResponseSummary(status, count, media));
        });

        return new Endpoint(
                key,
                template.confidence(),
                calls,
                firstSeen,
                lastSeen,
                widestExposure(),
                List.copyOf(authSchemes.values()),
                principals,
                params,
                requests,
                responses,
                sensitiveFields(suppressions));
    }

    private List<SensitiveField> sensitiveFields(Suppressions suppressions) {
        TreeMap<String, FieldEvidence> found = new TreeMap<>();
        pathParameters.values().forEach(n -> collect(n, "path:", found));
        parameters.forEach((in, nodes) -> nodes.values().forEach(n -> collect(n, in.openApiName() + ":", found)));
        requestBodies.values().forEach(n -> collect(n, "request:", found));
        responseBodies.values().forEach(byMedia -> byMedia.values().forEach(n -> collect(n, "response:", found)));
        List<SensitiveField> out = new ArrayList<>();
        found.forEach((location, evidence) -> {
            for (Match m : evidence.verdicts()) {
                if (!suppressions.suppressed(location, m.type().id())) {
                    out.add(new SensitiveField(
                            location,
                            m.type().id(),
                            m.type().category().name(),
                            m.confidence(),
                            evidence.samples(),
                            evidence.matches(m.type().id())));
                }
            }
        });
        return out;
    }

    private static void collect(SchemaNode node, String prefix, Map<String, FieldEvidence> out) {
        Map<String, FieldEvidence> local = new TreeMap<>();
        node.collectVerdicts(local);
        local.forEach((loc, ev) -> out.merge(prefix + loc, ev, (a, b) -> a.samples() >= b.samples() ? a : b));
    }

    private Exposure widestExposure() {
        if (exposures.containsKey(Exposure.THIRD_PARTY)) {
            return Exposure.THIRD_PARTY;
        }
        for (Exposure e : List.of(Exposure.PUBLIC, Exposure.PARTNER, Exposure.INTERNAL)) {
            if (exposures.containsKey(e)) {
                return e;
            }
        }
        return Exposure.PUBLIC;
    }

    static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    ObjectNode toState() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("host", key.host()).put("method", key.method()).put("path", key.pathTemplate());
        s.put("calls", calls);
        s.put("first", firstSeen.toString()).put("last", lastSeen.toString());
        ObjectNode exp = s.putObject("exposures");
        exposures.forEach((k, v) -> exp.put(k.name(), v));
        ArrayNode auth = s.putArray("auth");
        authSchemes.values().forEach(a -> auth.add(EndpointJson.encodeAuthScheme(a)));
        ArrayNode princ = s.putArray("principals");
        principals.forEach(princ::add);
        ObjectNode path = s.putObject("pathParams");
        pathParameters.forEach((i, n) -> path.set(Integer.toString(i), n.toState()));
        ObjectNode params = s.putObject("params");
        parameters.forEach((in, nodes) -> {
            ObjectNode o = params.putObject(in.name());
            nodes.forEach((name, n) -> o.set(name, n.toState()));
        });
        ObjectNode req = s.putObject("requestBodies");
        requestBodies.forEach((m, n) -> req.set(m, n.toState()));
        ObjectNode st = s.putObject("status");
        statusCounts.forEach((k, v) -> st.put(Integer.toString(k), v));
        ObjectNode resp = s.putObject("responseBodies");
        responseBodies.forEach((status, byMedia) -> {
            ObjectNode o = resp.putObject(Integer.toString(status));
            byMedia.forEach((m, n) -> o.set(m, n.toState()));
        });
        return s;
    }

    static EndpointAccumulator fromState(JsonNode s, PathTemplate template) {
        EndpointKey key = new EndpointKey(
                s.path("host").asText(),
                s.path("method").asText(),
                s.path("path").asText());
        EndpointAccumulator a = new EndpointAccumulator(key, template);
        a.calls = s.path("calls").asLong();
        a.firstSeen = Instant.parse(s.path("first").asText());
        a.lastSeen = Instant.parse(s.path("last").asText());
        s.path("exposures")
                .properties()
                .forEach(e -> a.exposures.put(
                        Exposure.valueOf(e.getKey()), e.getValue().asLong()));
        s.path("auth").forEach(n -> {
            AuthScheme scheme = EndpointJson.decodeAuthScheme(n);
            a.authSchemes.put(scheme.id(), scheme);
        });
        s.path("principals").forEach(n -> a.principals.add(n.asText()));
        s.path("pathParams")
                .properties()
                .forEach(e -> a.pathParameters.put(Integer.parseInt(e.getKey()), SchemaNode.fromState(e.getValue())));
        s.path("params").properties().forEach(e -> {
            TreeMap<String, SchemaNode> nodes = new TreeMap<>();
            e.getValue().properties().forEach(p -> nodes.put(p.getKey(), SchemaNode.fromState(p.getValue())));
            a.parameters.put(ParameterLocation.valueOf(e.getKey()), nodes);
        });
        s.path("requestBodies")
                .properties()
                .forEach(e -> a.requestBodies.put(e.getKey(), SchemaNode.fromState(e.getValue())));
        s.path("status")
                .properties()
                .forEach(e -> a.statusCounts.put(
                        Integer.parseInt(e.getKey()), e.getValue().asLong()));
        s.path("responseBodies").properties().forEach(e -> {
            TreeMap<String, SchemaNode> byMedia = new TreeMap<>();
            e.getValue().properties().forEach(m -> byMedia.put(m.getKey(), SchemaNode.fromState(m.getValue())));
            a.responseBodies.put(Integer.parseInt(e.getKey()), byMedia);
        });
        return a;
    }
}
