package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.discovery.AuthConfig;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.discovery.PathSegments;
import dev.vigil.discovery.SensitiveField;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.Detection.ModelViolation;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.detect.StreamingJson;
import dev.vigil.openapi.ApiSpec;
import dev.vigil.openapi.SpecOperation;
import dev.vigil.openapi.SpecParameter;
import dev.vigil.traffic.Exchange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The positive model: every operation of the learned inventory and of imported specs, compiled into
 * a {@link TemplateIndex}. A request is checked against what the model knows about its operation
 * (unknown operation, parameter types and formats, unexpected query names, oversized values, JSON
 * body shape); anything the model does not know is not judged. Each operation is in {@link
 * ModelMode#LEARN} (traffic is recorded: query names, value lengths, top-level body fields) or
 * {@link ModelMode#ENFORCE} (violations are detected).
 *
 * <p>Head checks ({@link #inspect}) run on the I/O thread and cost one trie walk plus one pass over
 * the query; body checks and learning run on the capture thread.
 */
public final class SpecModel {
    private final TemplateIndex index;
    private final ModelConfig config;
    private final Set<String> credentialQueryNames;
    private volatile ModelMode unknownEndpoints;

    private SpecModel(TemplateIndex index, ModelConfig config, Set<String> credentialQueryNames) {
        this.index = index;
        this.config = config;
        this.credentialQueryNames = credentialQueryNames;
        this.unknownEndpoints = config.defaultMode();
    }

    /**
     * Compiles a learned inventory and imported specs. Spec operations apply to every host; inventory
     * operations to their own host. When both know an operation, the inventory's host-specific one is
     * found first.
     */
    public static SpecModel of(List<Endpoint> inventory, List<ApiSpec> specs, ModelConfig config) {
        TemplateIndex index = new TemplateIndex();
        for (Endpoint e : inventory) {
            index.add(e.key().host(), fromInventory(e, config.defaultMode()));
        }
        for (ApiSpec spec : specs) {
            for (SpecOperation op : spec.operations()) {
                index.add(TemplateIndex.ANY_HOST, fromSpec(op, config.defaultMode()));
            }
        }
        return new SpecModel(index, config, AuthConfig.defaults().apiKeyQueryParameters());
    }

    private static EndpointModel fromInventory(Endpoint e, ModelMode mode) {
        String[] names = TemplateIndex.segments(e.key().pathTemplate());
        ValueRule[] rules = new ValueRule[names.length];
        Map<String, ValueRule> pathRules = new HashMap<>();
        Map<String, ValueRule> query = new HashMap<>();
        Map<String, Long> samples = new HashMap<>();
        for (Parameter p : e.parameters()) {
            if (p.in() == ParameterLocation.PATH) {
                pathRules.put(p.name(), ValueRule.of(p.schema()));
                samples.put("path:" + p.name(), p.seen());
            } else if (p.in() == ParameterLocation.QUERY) {
                query.put(p.name(), ValueRule.of(p.schema()));
                samples.put("query:" + p.name(), p.seen());
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (TemplateIndex.isParameter(names[i])) {
                rules[i] = pathRules.getOrDefault(strip(names[i]), ValueRule.ANY);
            }
        }
        List<String> sensitive = new ArrayList<>();
        for (SensitiveField f : e.sensitiveFields()) {
            if (f.location().startsWith("response:")) {
                sensitive.add(f.location().substring("response:".length()));
            }
        }
        JsonNode body = jsonSchema(e.requestBodies());
        return new EndpointModel(
                e.key().toString(),
                e.key().method(),
                e.key().pathTemplate(),
                names,
                rules,
                query,
                false,
                false,
                e.calls(),
                samples,
                body,
                sensitive.stream().distinct().sorted().toList(),
                mode);
    }

    private static EndpointModel fromSpec(SpecOperation op, ModelMode mode) {
        String[] names = TemplateIndex.segments(op.pathTemplate());
        ValueRule[] rules = new ValueRule[names.length];
        Map<String, ValueRule> pathRules = new HashMap<>();
        Map<String, ValueRule> query = new HashMap<>();
        boolean open = false;
        for (SpecParameter p : op.parameters()) {
            if (p.in() == ParameterLocation.PATH) {
                pathRules.put(p.name(), ValueRule.of(p.schema()));
            } else if (p.in() == ParameterLocation.QUERY) {
                query.put(p.name(), ValueRule.of(p.schema()));
                // form-exploded objects and deepObject put their property names on the wire.
                boolean object = "object".equals(p.schema().path("type").asText())
                        || p.schema().has("properties")
                        || p.schema().has("additionalProperties");
                open |= object && (p.explode() || "deepObject".equals(p.style()));
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (TemplateIndex.isParameter(names[i])) {
                rules[i] = pathRules.getOrDefault(strip(names[i]), ValueRule.ANY);
            }
        }
        return new EndpointModel(
                op.toString(),
                op.method(),
                op.pathTemplate(),
                names,
                rules,
                query,
                true,
                open,
                0,
                Map.of(),
                jsonSchema(op.requestBodies()),
                List.of(),
                mode);
    }

    private static JsonNode jsonSchema(Map<String, ? extends JsonNode> bodies) {
        for (Map.Entry<String, ? extends JsonNode> b : new TreeMap<>(bodies).entrySet()) {
            String media = b.getKey().toLowerCase(Locale.ROOT);
            if (media.equals("application/json") || media.endsWith("+json")) {
                return b.getValue();
            }
        }
        return null;
    }

    private static String strip(String parameterSegment) {
        return parameterSegment.substring(1, parameterSegment.length() - 1);
    }

    /** Sets the mode of every operation and of unknown-endpoint detection. */
    public void modeAll(ModelMode mode) {
        unknownEndpoints = mode;
        index.endpoints().forEach(e -> e.mode(mode));
    }

    /**
     * Sets the mode of one operation, named as {@code METHOD template} (for example {@code GET
     * /users/{userId}}); returns false when no such operation is known.
     */
    public boolean mode(String method, String template, ModelMode mode) {
        boolean found = false;
        for (EndpointModel e : index.endpoints()) {
            if (e.method.equalsIgnoreCase(method) && e.template.equals(template)) {
                e.mode(mode);
                found = true;
            }
        }
        return found;
    }

    /** Sets whether requests to operations the model does not know are detected. */
    public void unknownEndpoints(ModelMode mode) {
        unknownEndpoints = mode;
    }

    TemplateIndex.Match resolve(String host, String method, String path) {
        return index.match(host, method, path);
    }

    /** Head checks: the operation, its path parameters and its query. Cheap; runs inline. */
    public List<Detection> inspect(RequestHead head) {
        TemplateIndex.Match m = index.match(head.header("host"), head.method(), head.path());
        return inspect(head, m);
    }

    List<Detection> inspect(RequestHead head, TemplateIndex.Match m) {
        if (m == null) {
            return List.of();
        }
        EndpointModel e = m.endpoint();
        if (e == null) {
            if (unknownEndpoints == ModelMode.ENFORCE && !preflight(head, m)) {
                return List.of(new Detection.SpecViolation(
                        ModelViolation.UNKNOWN_ENDPOINT,
                        head.method() + " " + head.path(),
                        m.pathKnown() ? "method" : "path",
                        m.pathKnown() ? "method not known for this path" : "no known operation matches"));
            }
            return List.of();
        }
        if (e.mode() != ModelMode.ENFORCE) {
            return List.of();
        }
        List<Detection> out = null;
        String[] segments = m.segments();
        for (int i = 0; i < e.pathRules.length; i++) {
            ValueRule rule = e.pathRules[i];
            if (rule != null) {
                String name = strip(e.pathNames[i]);
                out = check(e, "path:" + name, rule, PathSegments.decode(segments[i]), out);
            }
        }
        if (!head.rawQuery().isEmpty()) {
            for (Map.Entry<String, String> p : Exchange.Headers.formPairs(head.rawQuery())) {
                String name = p.getKey();
                if (credentialQueryNames.contains(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (!e.knowsQuery(name)) {
                    if (e.queryClosed(config.minSamples())) {
                        out = add(
                                out,
                                new Detection.SpecViolation(
                                        ModelViolation.UNEXPECTED_PARAMETER,
                                        e.name,
                                        "query:" + name,
                                        "parameter never seen on this operation"));
                    }
                    continue;
                }
                ValueRule rule = e.queryRules.getOrDefault(name, ValueRule.ANY);
                out = check(e, "query:" + name, rule, p.getValue(), out);
            }
        }
        return out == null ? List.of() : out;
    }

    private List<Detection> check(EndpointModel e, String location, ValueRule rule, String value, List<Detection> out) {
        ValueRule.Problem p = e.trusted(location, config.minSamples()) ? rule.check(value) : null;
        if (p == null) {
            long[] learned = e.learnedLength(location);
            if (learned != null
                    && learned[1] >= config.minSamples()
                    && value.length() > Math.max(config.minOversizeLength(), learned[0] * config.lengthFactor())) {
                p = new ValueRule.Problem(
                        ModelViolation.OVERSIZED_VALUE, value.length() + " characters, longest learned " + learned[0]);
            }
        }
        return p == null ? out : add(out, new Detection.SpecViolation(p.violation(), e.name, location, p.detail()));
    }

    private static boolean preflight(RequestHead head, TemplateIndex.Match m) {
        return m.pathKnown()
                && head.method().equals("OPTIONS")
                && !head.header("access-control-request-method").isEmpty();
    }

    /** Body checks for a captured exchange's JSON request body (already parsed by the caller). */
    List<Detection> inspectBody(EndpointModel e, JsonNode body) {
        if (e.mode() != ModelMode.ENFORCE || e.bodySchema == null || body == null) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>(1);
        for (BodyCheck.Problem p : BodyCheck.check(e.bodySchema, body, closedBody(e), e::knowsField)) {
            out.add(new Detection.SpecViolation(p.violation(), e.name, "body:" + p.path(), p.detail()));
        }
        return out;
    }

    /**
     * Whether unknown top-level body fields are violations: a learned schema once enough calls were
     * seen (unless it says otherwise), a documented one only with {@code additionalProperties: false}.
     */
    boolean closedBody(EndpointModel e) {
        return !e.documented
                ? e.calls() >= config.minSamples() && !e.bodySchema.has("additionalProperties")
                : e.bodySchema.path("additionalProperties").isBoolean()
                        && !e.bodySchema.get("additionalProperties").asBoolean();
    }

    /** The schema check of a JSON request body of {@code head}'s operation, or null when there is none. */
    StreamingJson.Events bodySchemaEvents(RequestHead head) {
        String media = head.header("content-type").toLowerCase(Locale.ROOT);
        if (!media.contains("json")) {
            return null;
        }
        TemplateIndex.Match m = index.match(head.header("host"), head.method(), head.path());
        EndpointModel e = m == null ? null : m.endpoint();
        if (e == null || e.mode() != ModelMode.ENFORCE || e.bodySchema == null) {
            return null;
        }
        return new SchemaStream(e, closedBody(e));
    }

    /** Records a successful exchange of an operation in learn mode. */
    void learn(EndpointModel e, String[] segments, Exchange.Request request, JsonNode body) {
        if (e.mode() != ModelMode.LEARN) {
            return;
        }
        e.learnCall();
        for (int i = 0; i < e.pathRules.length && i < segments.length; i++) {
            if (e.pathRules[i] != null) {
                e.learnLength(
                        "path:" + strip(e.pathNames[i]),
                        PathSegments.decode(segments[i]).length());
            }
        }
        for (Map.Entry<String, String> p : request.queryParameters()) {
            if (!credentialQueryNames.contains(p.getKey().toLowerCase(Locale.ROOT))) {
                e.learnQueryName(p.getKey());
                e.learnLength("query:" + p.getKey(), p.getValue().length());
            }
        }
        if (body != null && body.isObject()) {
            body.fieldNames().forEachRemaining(e::learnField);
        }
    }

    private static List<Detection> add(List<Detection> out, Detection d) {
        List<Detection> list = out == null ? new ArrayList<>(2) : out;
        list.add(d);
        return list;
    }
}
