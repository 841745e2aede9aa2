package dev.vigil.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.AuthScheme;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ResponseSummary;
import dev.vigil.discovery.RiskModel;
import dev.vigil.discovery.SensitiveField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the inventory as OpenAPI 3.1 documents, one per host. Output is a pure function of the
 * endpoints: keys are emitted in sorted order and nothing depends on the clock, so the same inventory
 * always gives the same bytes.
 *
 * <p>Vigil's own knowledge travels in {@code x-vigil-*} extensions: call count, first and last seen,
 * template confidence, exposure, distinct principals, the sensitive fields with their confidence and,
 * with a {@link RiskModel}, the risk score.
 * Examples inside schemas are already redacted by discovery.
 */
public final class OpenApiExporter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Optional<RiskModel> risk;

    /** An exporter without risk ranking. */
    public OpenApiExporter() {
        this.risk = Optional.empty();
    }

    /** An exporter that adds {@code x-vigil-risk} to every operation. */
    public OpenApiExporter(RiskModel risk) {
        this.risk = Optional.of(risk);
    }

    /** One document per host, keyed and ordered by host. */
    public Map<String, ObjectNode> exportByHost(List<Endpoint> endpoints) {
        Map<String, List<Endpoint>> byHost = new TreeMap<>();
        for (Endpoint e : endpoints) {
            byHost.computeIfAbsent(e.key().host(), h -> new ArrayList<>()).add(e);
        }
        Map<String, ObjectNode> out = new TreeMap<>();
        byHost.forEach((host, list) -> out.put(host, export(host, list)));
        return out;
    }

    /** The document for one host's endpoints. */
    public ObjectNode export(String host, List<Endpoint> endpoints) {
        ObjectNode doc = JSON.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", host + " (discovered by Vigil)");
        info.put("version", "discovered");
        info.put("description", "Documented from observed traffic: " + endpoints.size() + " operations.");
        doc.putArray("servers").addObject().put("url", serverUrl(host));

        TreeMap<String, AuthScheme> schemes = new TreeMap<>();
        ObjectNode paths = doc.putObject("paths");
        List<Endpoint> sorted = new ArrayList<>(endpoints);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        for (Endpoint e : sorted) {
            ObjectNode item = paths.has(e.key().pathTemplate())
                    ? (ObjectNode) paths.get(e.key().pathTemplate())
                    : paths.putObject(e.key().pathTemplate());
            item.set(e.key().method().toLowerCase(Locale.ROOT), operation(e, schemes));
        }
        if (!schemes.isEmpty()) {
            ObjectNode securitySchemes = doc.putObject("components").putObject("securitySchemes");
            schemes.forEach((id, scheme) -> securitySchemes.set(id, securityScheme(scheme)));
        }
        return doc;
    }

    private ObjectNode operation(Endpoint e, Map<String, AuthScheme> schemes) {
        ObjectNode op = JSON.objectNode();
        op.put("operationId", operationId(e));
        op.put("summary", e.key().method() + " " + e.key().pathTemplate());
        if (!e.parameters().isEmpty()) {
            ArrayNode params = op.putArray("parameters");
            for (Parameter p : e.parameters()) {
                ObjectNode param = params.addObject();
                param.put("name", p.name());
                param.put("in", p.in().openApiName());
                param.put("required", p.required());
                param.set("schema", p.schema().deepCopy());
            }
        }
        if (!e.requestBodies().isEmpty()) {
            ObjectNode body = op.putObject("requestBody");
            ObjectNode content = body.putObject("content");
            e.requestBodies()
                    .forEach((media, schema) -> content.putObject(media).set("schema", schema.deepCopy()));
        }
        ObjectNode responses = op.putObject("responses");
        if (e.responses().isEmpty()) {
            responses.putObject("default").put("description", "No response observed");
        }
        for (ResponseSummary r : e.responses().values()) {
            ObjectNode response = responses.putObject(Integer.toString(r.status()));
            response.put("description", "Observed " + r.count() + " time" + (r.count() == 1 ? "" : "s"));
            if (!r.bodies().isEmpty()) {
                ObjectNode content = response.putObject("content");
                r.bodies().forEach((media, schema) -> content.putObject(media).set("schema", schema.deepCopy()));
            }
        }
        boolean anonymous = false;
        List<String> ids = new ArrayList<>();
        for (AuthScheme scheme : e.authSchemes()) {
            switch (scheme) {
                case AuthScheme.None none -> anonymous = true;
                case AuthScheme.OAuth2TokenEndpoint token ->
                    op.putArray("x-vigil-oauth2-grant-types")
                            .addAll(token.grantTypes().stream()
                                    .map(JSON::textNode)
                                    .toList());
                default -> {
                    schemes.putIfAbsent(scheme.id(), scheme);
                    ids.add(scheme.id());
                }
            }
        }
        if (!ids.isEmpty()) {
            ArrayNode security = op.putArray("security");
            ids.stream().sorted().forEach(id -> security.addObject().putArray(id));
            if (anonymous) {
                security.addObject();
            }
        }
        op.put("x-vigil-calls", e.calls());
        op.put("x-vigil-first-seen", e.firstSeen().toString());
        op.put("x-vigil-last-seen", e.lastSeen().toString());
        op.put("x-vigil-confidence", round(e.templateConfidence()));
        op.put("x-vigil-exposure", e.exposure().name().toLowerCase(Locale.ROOT));
        op.put("x-vigil-principals", e.principals().size());
        risk.ifPresent(model -> {
            RiskModel.Risk r = model.assess(e);
            op.putObject("x-vigil-risk").put("score", r.score()).put("level", r.level());
        });
        if (!e.sensitiveFields().isEmpty()) {
            ArrayNode sensitive = op.putArray("x-vigil-sensitive");
            for (SensitiveField f : e.sensitiveFields()) {
                sensitive
                        .addObject()
                        .put("location", f.location())
                        .put("dataType", f.dataType())
                        .put("category", f.category())
                        .put("confidence", round(f.confidence()));
            }
        }
        return op;
    }

    private static ObjectNode securityScheme(AuthScheme scheme) {
        ObjectNode s = JSON.objectNode();
        switch (scheme) {
            case AuthScheme.Basic b -> s.put("type", "http").put("scheme", "basic");
            case AuthScheme.OpaqueBearer b -> s.put("type", "http").put("scheme", "bearer");
            case AuthScheme.Jwt j -> {
                s.put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
                if (!j.alg().isEmpty()) {
                    s.put("x-vigil-alg", j.alg());
                }
                if (!j.issuer().isEmpty()) {
                    s.put("x-vigil-issuer", j.issuer());
                }
            }
            case AuthScheme.ApiKey k ->
                s.put("type", "apiKey").put("in", k.in().openApiName()).put("name", k.name());
            case AuthScheme.SessionCookie c ->
                s.put("type", "apiKey").put("in", "cookie").put("name", c.name());
            case AuthScheme.None n -> throw new IllegalStateException("anonymous access is not a security scheme");
            case AuthScheme.OAuth2TokenEndpoint t -> throw new IllegalStateException("token endpoints are not schemes");
        }
        return s;
    }

    static String operationId(Endpoint e) {
        StringBuilder id = new StringBuilder(e.key().method().toLowerCase(Locale.ROOT));
        boolean upper = true;
        for (char c : e.key().pathTemplate().toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
                if (c == '{') {
                    id.append("By");
                }
            }
        }
        return id.toString();
    }

    /** Loopback and private hosts are served over plain HTTP in practice; everything else is assumed HTTPS. */
    static String serverUrl(String host) {
        String bare = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        boolean local = bare.equals("localhost")
                || bare.startsWith("127.")
                || bare.endsWith(".local")
                || bare.startsWith("10.")
                || bare.startsWith("192.168.");
        return (local ? "http://" : "https://") + host;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
