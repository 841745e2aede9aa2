package dev.vigil.guard.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.guard.detect.ApiProtocolDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the guard's policy YAML. Every problem in the file is collected and reported at once in a
 * {@link PolicyException}. The format is documented in docs/guard.md:
 *
 * <pre>
 * version: 1
 * defaults: { mode: monitor, onError: open }
 * routes:
 *   api:
 *     mode: block
 *     deny: ["203.0.113.0/24"]
 *     rateLimit: { requests: 100, perSeconds: 1 }
 * </pre>
 *
 * Route entries override the defaults field by field.
 */
public final class PolicyFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("version", "defaults", "routes");
    private static final Set<String> ROUTE_KEYS = Set.of(
            "mode",
            "onError",
            "allow",
            "deny",
            "injection",
            "rateLimit",
            "enumeration",
            "credentialAttacks",
            "tokens",
            "throttleSeconds",
            "loginPaths",
            "inspectBodyBytes",
            "graphql",
            "mcp",
            "streamInspectBytes",
            "bolaAlerts",
            "undocumentedEndpoints",
            "exfiltration");

    private PolicyFile() {}

    public static Policy load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + file, e);
        }
    }

    public static Policy parse(String yaml, String source) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new PolicyException(source, List.of("not valid YAML" + where));
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException(source, List.of("the policy must be a mapping with 'version' and 'routes'"));
        }
        unknownKeys(root, TOP, "", problems);
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() != 1) {
            problems.add("version: must be 1");
        }
        RoutePolicy defaults = RoutePolicy.DEFAULT;
        JsonNode d = root.get("defaults");
        if (d != null) {
            defaults = route(d, RoutePolicy.DEFAULT, "defaults", problems);
        }
        Map<String, RoutePolicy> routes = new LinkedHashMap<>();
        JsonNode r = root.get("routes");
        if (r != null) {
            if (!r.isObject()) {
                problems.add("routes: must be a mapping of route name to route policy");
            } else {
                for (Map.Entry<String, JsonNode> e : r.properties()) {
                    routes.put(e.getKey(), route(e.getValue(), defaults, "routes." + e.getKey(), problems));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(source, problems);
        }
        return new Policy(defaults, routes);
    }

    private static RoutePolicy route(JsonNode n, RoutePolicy base, String at, List<String> problems) {
        if (!n.isObject()) {
            problems.add(at + ": must be a mapping");
            return base;
        }
        unknownKeys(n, ROUTE_KEYS, at + ".", problems);
        removedKeys(n, at, problems);
        RoutePolicy.Mode mode = enumValue(n, "mode", RoutePolicy.Mode.class, base.mode(), at, problems);
        RoutePolicy.FailMode onError =
                enumValue(n, "onError", RoutePolicy.FailMode.class, base.onError(), at, problems);
        List<IpRange> allow = ranges(n, "allow", base.allow(), at, problems);
        List<IpRange> deny = ranges(n, "deny", base.deny(), at, problems);
        boolean injection = base.injection();
        if (n.has("injection")) {
            if (n.get("injection").isBoolean()) {
                injection = n.get("injection").asBoolean();
            } else {
                problems.add(at + ".injection: must be true or false");
            }
        }
        RoutePolicy.RateLimit rate = base.rateLimit();
        JsonNode rl = object(n, "rateLimit", Set.of("requests", "perSeconds"), at, problems);
        if (rl != null) {
            rate = new RoutePolicy.RateLimit(
                    count(rl, "requests", rate.requests(), at + ".rateLimit", problems),
                    seconds(rl, "perSeconds", rate.per(), at + ".rateLimit", problems));
        }
        RoutePolicy.Enumeration en = base.enumeration();
        JsonNode e = object(n, "enumeration", Set.of("maxDistinctIds", "windowSeconds"), at, problems);
        if (e != null) {
            en = new RoutePolicy.Enumeration(
                    (int) count(e, "maxDistinctIds", en.maxDistinctIds(), at + ".enumeration", problems),
                    seconds(e, "windowSeconds", en.window(), at + ".enumeration", problems));
        }
        RoutePolicy.CredentialAttacks ca = base.credentialAttacks();
        JsonNode c = object(
                n,
                "credentialAttacks",
                Set.of("maxFailuresPerSource", "maxFailuresPerAccount", "windowSeconds"),
                at,
                problems);
        if (c != null) {
            String p = at + ".credentialAttacks";
            ca = new RoutePolicy.CredentialAttacks(
                    (int) count(c, "maxFailuresPerSource", ca.maxFailuresPerSource(), p, problems),
                    (int) count(c, "maxFailuresPerAccount", ca.maxFailuresPerAccount(), p, problems),
                    seconds(c, "windowSeconds", ca.window(), p, problems));
        }
        RoutePolicy.Tokens tk = base.tokens();
        JsonNode t =
                object(n, "tokens", Set.of("maxSourcesPerToken", "windowSeconds", "expiryLeewaySeconds"), at, problems);
        if (t != null) {
            String p = at + ".tokens";
            tk = new RoutePolicy.Tokens(
                    (int) count(t, "maxSourcesPerToken", tk.maxSourcesPerToken(), p, problems),
                    seconds(t, "windowSeconds", tk.window(), p, problems),
                    Duration.ofSeconds(
                            count(t, "expiryLeewaySeconds", tk.expiryLeeway().toSeconds(), p, problems)));
        }
        long throttle = count(n, "throttleSeconds", base.throttleSeconds(), at, problems);
        List<String> loginPaths = base.loginPaths();
        if (n.has("loginPaths")) {
            JsonNode lp = n.get("loginPaths");
            if (!lp.isArray()) {
                problems.add(at + ".loginPaths: must be a list of path prefixes");
            } else {
                List<String> out = new ArrayList<>();
                for (JsonNode p : lp) {
                    if (!p.isTextual() || !p.asText().startsWith("/")) {
                        problems.add(at + ".loginPaths: '" + p.asText() + "' must start with '/'");
                    } else {
                        out.add(p.asText());
                    }
                }
                loginPaths = out;
            }
        }
        long inspect = count(n, "inspectBodyBytes", base.inspectBodyBytes(), at, problems);
        if (inspect > 1024 * 1024) {
            problems.add(at + ".inspectBodyBytes: at most 1048576, was " + inspect);
            inspect = base.inspectBodyBytes();
        }
        ApiProtocolDetector.GraphqlLimits gq = base.graphql();
        JsonNode g = object(n, "graphql", Set.of("introspection", "maxDepth", "maxAliases", "maxBatch"), at, problems);
        if (g != null) {
            String p = at + ".graphql";
            boolean introspection = gq.allowIntrospection();
            if (g.has("introspection")) {
                if (g.get("introspection").isBoolean()) {
                    introspection = g.get("introspection").asBoolean();
                } else {
                    problems.add(p + ".introspection: must be true (allowed) or false (flagged)");
                }
            }
            gq = new ApiProtocolDetector.GraphqlLimits(
                    introspection,
                    (int) count(g, "maxDepth", gq.maxDepth(), p, problems),
                    (int) count(g, "maxAliases", gq.maxAliases(), p, problems),
                    (int) count(g, "maxBatch", gq.maxBatch(), p, problems));
        }
        ApiProtocolDetector.McpTools mcp = base.mcp();
        JsonNode m = object(n, "mcp", Set.of("allowedTools", "deniedTools"), at, problems);
        if (m != null) {
            mcp = new ApiProtocolDetector.McpTools(
                    names(m, "allowedTools", mcp.allowed(), at + ".mcp", problems),
                    names(m, "deniedTools", mcp.denied(), at + ".mcp", problems));
        }
        return new RoutePolicy(
                mode,
                onError,
                allow,
                deny,
                injection,
                rate,
                en,
                ca,
                tk,
                throttle,
                loginPaths,
                (int) inspect,
                gq,
                mcp,
                count(n, "streamInspectBytes", base.streamInspectBytes(), at, problems));
    }

    /**
     * Keys of the guard's former per-route positive model, BOLA tracker and volume detector. Those
     * detections now come from the model detectors ({@code vigil guard --model}, docs/guard-model.md).
     * A key that kept its detector off is accepted so old files still load; one that switched it on
     * is a problem, because silently dropping a detection the file asks for would be worse.
     */
    private static void removedKeys(JsonNode n, String at, List<String> problems) {
        String moved = " was removed: the model detectors (vigil guard --model enforce) now provide it,"
                + " see docs/guard-model.md";
        if (n.path("bolaAlerts").asBoolean(false)) {
            problems.add(at + ".bolaAlerts" + moved + " (bola)");
        }
        if (n.path("undocumentedEndpoints").asBoolean(false)) {
            problems.add(at + ".undocumentedEndpoints" + moved + " (spec.unknown-endpoint)");
        }
        JsonNode x = n.get("exfiltration");
        if (x != null && (!x.isObject() || x.path("maxResponseBytes").asLong(0) != 0)) {
            problems.add(at + ".exfiltration" + moved + " (data-exfiltration, ModelConfig.exfiltrationMaxBytes)");
        }
    }

    private static Set<String> names(JsonNode n, String key, Set<String> fallback, String at, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            problems.add(at + "." + key + ": must be a list of tool names");
            return fallback;
        }
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(at + "." + key + ": tool names must be non-empty strings");
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    private static void unknownKeys(JsonNode n, Set<String> known, String at, List<String> problems) {
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problems.add(at + k + ": unknown key (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        });
    }

    private static <E extends Enum<E>> E enumValue(
            JsonNode n, String key, Class<E> type, E fallback, String at, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            problems.add(at + "." + key + ": '" + v.asText() + "' is not one of " + String.join(", ", names));
            return fallback;
        }
    }

    private static List<IpRange> ranges(
            JsonNode n, String key, List<IpRange> fallback, String at, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            problems.add(at + "." + key + ": must be a list of IP addresses or CIDR blocks");
            return fallback;
        }
        List<IpRange> out = new ArrayList<>();
        for (JsonNode item : v) {
            try {
                out.add(IpRange.parse(item.asText()));
            } catch (IllegalArgumentException e) {
                problems.add(at + "." + key + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static JsonNode object(JsonNode n, String key, Set<String> known, String at, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            problems.add(at + "." + key + ": must be a mapping");
            return null;
        }
        unknownKeys(v, known, at + "." + key + ".", problems);
        return v;
    }

    private static long count(JsonNode n, String key, long fallback, String at, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            problems.add(at + "." + key + ": must be a whole number >= 0, was '" + v.asText() + "'");
            return fallback;
        }
        return v.asLong();
    }

    private static Duration seconds(JsonNode n, String key, Duration fallback, String at, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < 1) {
            problems.add(at + "." + key + ": must be a whole number of seconds >= 1, was '" + v.asText() + "'");
            return fallback;
        }
        return Duration.ofSeconds(v.asLong());
    }
}
