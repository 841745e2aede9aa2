package dev.vigil.scan.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.discovery.AuthScheme;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.openapi.RemoteRefGuard;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link Target} from an inventory snapshot and/or an OpenAPI 2 or 3 document. When both
 * name the same operation the inventory's version wins (it reflects real traffic) and the spec
 * fills in what it lacks. {@code samples} overrides sample values by parameter name.
 */
public final class TargetLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> samples;

    public TargetLoader(Map<String, String> samples) {
        this.samples = Map.copyOf(samples);
    }

    public Target build(URI baseUrl, List<Endpoint> inventory, Optional<String> openApiText) {
        return buildFrom(baseUrl, inventory, openApiText.map(this::fromOpenApi));
    }

    /** As {@link #build}, with the spec's operations already read ({@link #fromOpenApi}). */
    public Target buildFrom(URI baseUrl, List<Endpoint> inventory, Optional<SpecOperations> openApi) {
        Map<String, Operation> ops = new LinkedHashMap<>();
        URI base = baseUrl;
        List<OperationLink> links = List.of();
        Optional<URI> specServer = Optional.empty();
        if (openApi.isPresent()) {
            SpecOperations spec = openApi.get();
            spec.operations().forEach(o -> ops.put(o.key(), o));
            links = spec.links();
            specServer = spec.server();
            if (base == null) {
                base = spec.server().orElse(null);
            }
        }
        for (Endpoint e : inventory) {
            Operation o = fromEndpoint(e);
            Operation documented = ops.get(o.key());
            if (documented != null) {
                o = new Operation(
                        o.method(),
                        o.pathTemplate(),
                        o.parameters().isEmpty() ? documented.parameters() : o.parameters(),
                        o.sampleBody().isEmpty() ? documented.sampleBody() : o.sampleBody(),
                        o.secured() || documented.secured(),
                        "inventory+openapi");
            }
            ops.put(o.key(), o);
        }
        List<String> problems = new ArrayList<>();
        if (base == null) {
            problems.add("no base URL: give one, or a spec with servers[0].url");
        } else if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
            problems.add("base URL must be absolute http(s)");
        }
        if (ops.isEmpty()) {
            problems.add("no operations: give an inventory or a spec with paths");
        }
        if (!problems.isEmpty()) {
            throw new TargetException("target", problems);
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        known.add(hostOf(base));
        specServer.map(TargetLoader::hostOf).ifPresent(known::add);
        List<String> others = inventory.stream()
                .map(e -> e.key().host().toLowerCase(java.util.Locale.ROOT))
                .filter(h -> !h.isBlank() && !known.contains(h) && !known.contains(stripDefaultPort(h)))
                .toList();
        return new Target(base, new ArrayList<>(ops.values()), links, others);
    }

    /** {@code host} or {@code host:port} of a URL, lower case, as the inventory writes hosts. */
    private static String hostOf(URI u) {
        String h = u.getHost() == null ? "" : u.getHost().toLowerCase(java.util.Locale.ROOT);
        return u.getPort() > 0 ? h + ":" + u.getPort() : h;
    }

    private static String stripDefaultPort(String host) {
        return host.endsWith(":80") || host.endsWith(":443") ? host.substring(0, host.lastIndexOf(':')) : host;
    }

    /** Operations from an inventory endpoint (host is ignored: the base URL says where to send). */
    public Operation fromEndpoint(Endpoint e) {
        List<OperationParameter> params = new ArrayList<>();
        for (Parameter p : e.parameters()) {
            params.add(new OperationParameter(
                    p.name(),
                    p.in(),
                    p.required() || p.in() == ParameterLocation.PATH,
                    SampleValues.type(p.schema()),
                    p.schema().path("format").asText(""),
                    SampleValues.scalar(p.schema(), p.name(), samples),
                    p.schema().path("maximum").isNumber()
                            ? p.schema().path("maximum").asLong()
                            : -1));
        }
        String body = e.requestBodies().entrySet().stream()
                .filter(b -> b.getKey().contains("json"))
                .map(b -> SampleValues.body(b.getValue()))
                .findFirst()
                .orElse("");
        boolean secured = e.authSchemes().stream().anyMatch(a -> !(a instanceof AuthScheme.None));
        return new Operation(e.key().method(), e.key().pathTemplate(), params, body, secured, "inventory");
    }

    /**
     * Operations and the first server URL of the OpenAPI 2 or 3 document in {@code file}; references
     * to files beside it resolve against its directory, remote ones are refused (see {@link
     * RemoteRefGuard}).
     */
    public SpecOperations fromOpenApi(Path file) {
        List<String> refused = RemoteRefGuard.refusals(file);
        if (!refused.isEmpty()) {
            throw new TargetException(file.toString(), refused);
        }
        return operations(new OpenAPIParser().readLocation(file.toAbsolutePath().toString(), null, resolving()));
    }

    /** Operations and the first server URL of an OpenAPI 2 or 3 document given as text. */
    public SpecOperations fromOpenApi(String text) {
        // The parser would fetch a remote $ref (from a spec checked in CI: an internal URL) and read a
        // file $ref relative to the working directory: the document must stand alone.
        List<String> refused = RemoteRefGuard.refusals(text, "openapi");
        if (!refused.isEmpty()) {
            throw new TargetException("openapi", refused);
        }
        return operations(new OpenAPIParser().readContents(text, null, resolving()));
    }

    private static ParseOptions resolving() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return options;
    }

    private SpecOperations operations(SwaggerParseResult result) {
        OpenAPI api = result.getOpenAPI();
        if (api == null || api.getPaths() == null) {
            List<String> messages =
                    result.getMessages() == null || result.getMessages().isEmpty()
                            ? List.of("not an OpenAPI document")
                            : result.getMessages();
            throw new TargetException("openapi", messages);
        }
        boolean globalSecurity = secured(api.getSecurity());
        List<Operation> out = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            List<OperationParameter> params = new ArrayList<>();
            List<io.swagger.v3.oas.models.parameters.Parameter> all = new ArrayList<>();
            if (item.getParameters() != null) {
                all.addAll(item.getParameters());
            }
            if (op.getParameters() != null) {
                all.addAll(op.getParameters());
            }
            for (var p : all) {
                if (p.getIn() == null || p.getName() == null) {
                    continue;
                }
                ParameterLocation in;
                try {
                    in = ParameterLocation.valueOf(p.getIn().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                JsonNode schema = p.getSchema() == null
                        ? JsonNodeFactory.instance.objectNode()
                        : JSON.valueToTree(
                                io.swagger.v3.core.util.Json.mapper().convertValue(p.getSchema(), Map.class));
                if (p.getExample() != null && schema.isObject()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) schema)
                            .set("example", JSON.valueToTree(p.getExample()));
                }
                params.add(new OperationParameter(
                        p.getName(),
                        in,
                        Boolean.TRUE.equals(p.getRequired()) || in == ParameterLocation.PATH,
                        SampleValues.type(schema),
                        schema.path("format").asText(""),
                        SampleValues.scalar(schema, p.getName(), samples),
                        schema.path("maximum").isNumber()
                                ? schema.path("maximum").asLong()
                                : -1));
            }
            String body = requestBodySample(op.getRequestBody());
            boolean secured = op.getSecurity() == null ? globalSecurity : secured(op.getSecurity());
            out.add(new Operation(method.name(), path, params, body, secured, "openapi"));
        }));
        Optional<URI> server = Optional.empty();
        if (api.getServers() != null && !api.getServers().isEmpty()) {
            io.swagger.v3.oas.models.servers.Server first = api.getServers().getFirst();
            String url = first.getUrl();
            if (url != null && first.getVariables() != null) {
                for (var v : first.getVariables().entrySet()) {
                    if (v.getValue().getDefault() != null) {
                        url = url.replace("{" + v.getKey() + "}", v.getValue().getDefault());
                    }
                }
            }
            if (url != null && url.startsWith("http")) {
                try {
                    server = Optional.of(URI.create(url));
                } catch (IllegalArgumentException e) {
                    server = Optional.empty(); // an unresolvable template: the caller must give a base URL
                }
            }
        }
        return new SpecOperations(out, server, links(api));
    }

    /** Links of every response of every operation whose target (operationId or operationRef) is documented. */
    private static List<OperationLink> links(OpenAPI api) {
        Map<String, String> byId = new LinkedHashMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (op.getOperationId() != null) {
                byId.put(op.getOperationId(), method.name() + " " + path);
            }
        }));
        List<OperationLink> out = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (op.getResponses() == null) {
                return;
            }
            op.getResponses().forEach((code, response) -> {
                if (response.getLinks() == null || !(code.startsWith("2") || code.equals("default"))) {
                    return;
                }
                response.getLinks().values().forEach(link -> {
                    String to = link.getOperationId() != null
                            ? byId.get(link.getOperationId())
                            : operationRef(link.getOperationRef(), api);
                    if (to == null || link.getParameters() == null) {
                        return;
                    }
                    Map<String, String> params = new LinkedHashMap<>();
                    link.getParameters().forEach((name, expr) -> {
                        // "path.walletRef" names the location explicitly; the parameter name is enough here
                        String bare = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
                        params.put(bare, String.valueOf(expr));
                    });
                    out.add(new OperationLink(method.name() + " " + path, to, params));
                });
            });
        }));
        return out;
    }

    /** {@code #/paths/~1wallets~1{walletRef}/get} → "GET /wallets/{walletRef}" when documented. */
    private static String operationRef(String ref, OpenAPI api) {
        if (ref == null || !ref.startsWith("#/paths/")) {
            return null;
        }
        String rest = ref.substring("#/paths/".length());
        int slash = rest.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        String path = java.net.URLDecoder.decode(rest.substring(0, slash), java.nio.charset.StandardCharsets.UTF_8)
                .replace("~1", "/")
                .replace("~0", "~");
        String method = rest.substring(slash + 1).toUpperCase(Locale.ROOT);
        var item = api.getPaths().get(path);
        return item == null ? null : method + " " + path;
    }

    private String requestBodySample(RequestBody body) {
        if (body == null || body.getContent() == null) {
            return "";
        }
        for (Map.Entry<String, MediaType> e : body.getContent().entrySet()) {
            if (e.getKey().contains("json") && e.getValue().getSchema() != null) {
                JsonNode schema = JSON.valueToTree(io.swagger.v3.core.util.Json.mapper()
                        .convertValue(e.getValue().getSchema(), Map.class));
                if (e.getValue().getExample() != null) {
                    return JSON.valueToTree(e.getValue().getExample()).toString();
                }
                return SampleValues.body(schema);
            }
        }
        return "";
    }

    private static boolean secured(List<SecurityRequirement> requirements) {
        // an empty requirement object ({}) in the list means "anonymous allowed"
        return requirements != null
                && !requirements.isEmpty()
                && requirements.stream().noneMatch(r -> r == null || r.isEmpty());
    }

    /** What an OpenAPI document yields: its operations and first absolute server URL. */
    public record SpecOperations(List<Operation> operations, Optional<URI> server, List<OperationLink> links) {
        public SpecOperations {
            operations = List.copyOf(operations);
            links = List.copyOf(links);
        }
    }
}
