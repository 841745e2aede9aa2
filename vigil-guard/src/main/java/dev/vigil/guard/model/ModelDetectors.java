package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.classify.Classifier;
import dev.vigil.discovery.AuthConfig;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.PathSegments;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.detect.StreamingJson;
import dev.vigil.openapi.ApiSpec;
import dev.vigil.traffic.Exchange;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model-driven detectors behind one facade: the positive model ({@link SpecModel}), BOLA
 * attempts against ownership learned from traffic ({@link OwnershipModel}), data exfiltration
 * ({@link ExfiltrationModel}), GraphQL abuse and MCP tool-call abuse.
 *
 * <p>{@link #inspectRequest} runs inline on the request head before it is forwarded, so its
 * detections can block; it must stay cheap (a trie walk, a query pass, and an ownership lookup only
 * for ids the model owns). {@link #inspectResponse} runs on the capture thread with the whole
 * exchange: it checks request bodies (JSON schema, GraphQL, MCP), learns (learn-mode operations,
 * ownership, MCP tool lists, per-caller volumes) and flags exfiltration; its detections come after
 * the request was forwarded. Every detection carries only redacted evidence.
 */
public final class ModelDetectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ID_FIELDS = List.of("id", "_id", "uuid");

    private final SpecModel spec;
    private final OwnershipModel ownership;
    private final ExfiltrationModel exfiltration;
    private final McpInspector mcp;
    private final Principals principals;

    ModelDetectors(
            SpecModel spec,
            OwnershipModel ownership,
            ExfiltrationModel exfiltration,
            McpInspector mcp,
            Principals principals) {
        this.spec = spec;
        this.ownership = ownership;
        this.exfiltration = exfiltration;
        this.mcp = mcp;
        this.principals = principals;
    }

    /**
     * Builds every model detector from a learned inventory and imported specs (either may be empty).
     * {@code classifier} finds sensitive MCP arguments; {@code clock} times exfiltration windows.
     */
    public static ModelDetectors of(
            List<Endpoint> inventory, List<ApiSpec> specs, ModelConfig config, Classifier classifier, Clock clock) {
        return new ModelDetectors(
                SpecModel.of(inventory, specs, config),
                new OwnershipModel(config.ownedObjects()),
                new ExfiltrationModel(
                        config.exfiltrationWindow(),
                        config.exfiltrationCap(),
                        config.exfiltrationFactor(),
                        config.exfiltrationMinRecords(),
                        config.exfiltrationMaxBytes(),
                        config.trackedCallers(),
                        clock),
                new McpInspector(classifier, config.mcpSessions()),
                new Principals(AuthConfig.defaults()));
    }

    public SpecModel spec() {
        return spec;
    }

    public OwnershipModel ownership() {
        return ownership;
    }

    public ExfiltrationModel exfiltration() {
        return exfiltration;
    }

    /** State forgotten at the memory caps: owned ids, tracked callers, MCP sessions. */
    public long evictions() {
        return ownership.evictions() + exfiltration.evictions() + mcp.evictions();
    }

    /**
     * Response-body bytes the guard sent for a request (exact, not capped by capture); a detection
     * when its caller passes the byte limit of the exfiltration model.
     */
    public Optional<Detection> responded(RequestHead head, long bytes) {
        return bytes > 0 ? exfiltration.responded(caller(head), bytes) : Optional.empty();
    }

    /** Who made a request, for alerts: its principal, or its source address when anonymous. */
    String caller(RequestHead head) {
        return principals.of(head).orElse("ip:" + head.sourceAddress());
    }

    String caller(Exchange exchange) {
        return principals.of(exchange).orElse("ip:" + exchange.clientAddress());
    }

    /**
     * Inline checks on a request head: positive model, BOLA, and callers flagged for exfiltration.
     * Empty when nothing is wrong.
     */
    public List<Detection> inspectRequest(RequestHead head) {
        List<Detection> found = inspectKnown(head);
        if (exfiltration.anyFlagged()) {
            Optional<Detection> flagged = exfiltration.flagged(caller(head));
            if (flagged.isPresent()) {
                List<Detection> out = new ArrayList<>(found);
                out.add(flagged.get());
                return out;
            }
        }
        return found;
    }

    private List<Detection> inspectKnown(RequestHead head) {
        TemplateIndex.Match m = spec.resolve(head.header("host"), head.method(), head.path());
        if (m == null) {
            return List.of();
        }
        List<Detection> found = spec.inspect(head, m);
        EndpointModel e = m.endpoint();
        if (e == null || e.mode() != ModelMode.ENFORCE || ownership.size() == 0) {
            return found;
        }
        String host = hostKey(head.header("host"));
        Optional<String> caller = null;
        for (int i = 0; i < e.pathRules.length; i++) {
            if (e.pathRules[i] == null) {
                continue;
            }
            Optional<String> owner = ownership.owner(host, e.resources[i], PathSegments.decode(m.segments()[i]));
            if (owner.isEmpty()) {
                continue;
            }
            if (caller == null) {
                caller = principals.of(head);
            }
            if (caller.isPresent() && !caller.get().equals(owner.get())) {
                List<Detection> out = new ArrayList<>(found);
                out.add(new Detection.BolaAttempt(
                        e.name, caller.get(), owner.get(), PathSegments.decode(m.segments()[i])));
                return out;
            }
        }
        return found;
    }

    /**
     * A check of the JSON body of {@code head} as it streams: against its operation's schema
     * (unknown top-level fields, types, formats, oversized values) and, for a POST, for sensitive data
     * in MCP {@code tools/call} arguments. Null when the body is not JSON or nothing applies. Runs on
     * the I/O thread, one body at a time.
     */
    public StreamingJson bodyStream(RequestHead head) {
        StreamingJson.Events schema = spec.bodySchemaEvents(head);
        StreamingJson.Events rpc = null;
        if (head.method().equals("POST")
                && head.header("content-type").toLowerCase(Locale.ROOT).contains("json")) {
            String session = head.header("mcp-session-id");
            rpc = mcp.argumentStream(session.isBlank() ? caller(head) : session);
        }
        if (schema == null && rpc == null) {
            return null;
        }
        return new StreamingJson(schema == null ? rpc : rpc == null ? schema : new BothEvents(schema, rpc));
    }

    /** Checks and learning on a captured exchange, off the I/O thread. Empty when nothing is wrong. */
    public List<Detection> inspectResponse(Exchange exchange) {
        Exchange.Request req = exchange.request();
        int status = exchange.response().map(Exchange.Response::status).orElse(0);
        boolean ok = status >= 200 && status < 300;
        TemplateIndex.Match m = spec.resolve(req.authority(), req.method(), req.path());
        EndpointModel e = m == null ? null : m.endpoint();
        JsonNode body = json(req.body(), Exchange.Headers.mediaType(req.headers()));
        Optional<String> principal = principals.of(exchange);
        List<Detection> out = new ArrayList<>(0);
        if (e != null) {
            out.addAll(spec.inspectBody(e, body));
            if (status >= 200 && status < 400) {
                spec.learn(e, m.segments(), req, body);
            }
        }
        String endpoint = e != null ? e.name : req.method() + " " + req.path();
        List<JsonNode> rpc = McpInspector.messages(body);
        if (!rpc.isEmpty()) {
            String session = req.header("mcp-session-id")
                    .filter(s -> !s.isBlank())
                    .orElseGet(() -> principal.orElse("ip:" + exchange.clientAddress()));
            out.addAll(mcp.inspect(session, rpc));
            if (ok) {
                mcp.learn(session, rpc, exchange.response().get().body());
            }
        }
        if (e != null && ok) {
            Exchange.Response resp = exchange.response().get();
            JsonNode responseBody = json(resp.body(), Exchange.Headers.mediaType(resp.headers()));
            principal.ifPresent(p -> learnOwnership(e, m.segments(), req, resp, responseBody, p));
            if (!e.sensitiveResponsePaths.isEmpty() && responseBody != null) {
                long records = SensitiveRecords.count(responseBody, e.sensitiveResponsePaths);
                exfiltration
                        .received(principal.orElse("ip:" + exchange.clientAddress()), records)
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    private void learnOwnership(
            EndpointModel e,
            String[] segments,
            Exchange.Request req,
            Exchange.Response resp,
            JsonNode responseBody,
            String principal) {
        String host = hostKey(req.authority());
        String method = req.method();
        if (method.equals("POST")
                && (resp.status() == 201 || resp.header("location").isPresent())) {
            String collection = e.collection;
            Optional<String> id = resp.header("location").flatMap(ModelDetectors::lastSegment);
            if (id.isEmpty() && responseBody != null) {
                id = idOf(responseBody).or(() -> idOf(responseBody.path("data")));
            }
            id.ifPresent(v -> ownership.created(host, collection, v, principal));
        } else if (method.equals("DELETE")) {
            for (int i = e.pathRules.length - 1; i >= 0; i--) {
                if (e.pathRules[i] != null) {
                    ownership.deleted(host, e.resources[i], PathSegments.decode(segments[i]));
                    break;
                }
            }
        } else if (method.equals("GET") && responseBody != null) {
            String collection = e.collection;
            for (JsonNode item : listed(responseBody)) {
                idOf(item).ifPresent(v -> ownership.received(host, collection, v, principal));
            }
        }
    }

    /** Objects in a listing: a top-level array, or the arrays directly under a top-level object. */
    private static List<JsonNode> listed(JsonNode body) {
        List<JsonNode> out = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(out::add);
        } else if (body.isObject()) {
            for (Map.Entry<String, JsonNode> f : body.properties()) {
                if (f.getValue().isArray()) {
                    f.getValue().forEach(out::add);
                }
            }
        }
        return out.size() > 10_000 ? out.subList(0, 10_000) : out;
    }

    private static Optional<String> idOf(JsonNode object) {
        if (object == null || !object.isObject()) {
            return Optional.empty();
        }
        for (String f : ID_FIELDS) {
            JsonNode v = object.get(f);
            if (v != null
                    && (v.isTextual() || v.isIntegralNumber())
                    && !v.asText().isEmpty()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lastSegment(String location) {
        try {
            String path = URI.create(location.trim()).getRawPath();
            String[] s = TemplateIndex.segments(path == null ? "" : path);
            return s.length == 0 ? Optional.empty() : Optional.of(PathSegments.decode(s[s.length - 1]));
        } catch (IllegalArgumentException bad) {
            return Optional.empty();
        }
    }

    /** The resource type an id at segment {@code index} belongs to: the template before it, parameters as {@code {}}. */
    static String resource(String[] templateSegments, int index) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < index; i++) {
            sb.append('/').append(TemplateIndex.isParameter(templateSegments[i]) ? "{}" : templateSegments[i]);
        }
        return sb.isEmpty() ? "/" : sb.toString();
    }

    private static String hostKey(String hostHeader) {
        String h = hostHeader.toLowerCase(Locale.ROOT);
        int bracket = h.lastIndexOf(']');
        int colon = h.lastIndexOf(':');
        return colon > bracket ? h.substring(0, colon) : h;
    }

    private static JsonNode json(String body, String mediaType) {
        if (body.isEmpty()) {
            return null;
        }
        boolean declared = mediaType.endsWith("json");
        char first = body.charAt(0);
        if (!declared && !(mediaType.isEmpty() && (first == '{' || first == '['))) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // Truncated by the capture limit or not JSON at all: nothing to check against a schema.
            return null;
        }
    }
}
