package dev.vigil.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.discovery.ParameterLocation;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads an OpenAPI 3.0 / 3.1 or Swagger 2.0 file (YAML or JSON) into an {@link ApiSpec}, with every
 * {@code $ref} inlined. Swagger 2.0 is converted to 3.0 first (host + basePath become a server).
 *
 * <p>Only local files are read: a {@code $ref} to a URL ({@code http:}, {@code https:}, any other
 * scheme, or {@code //host}) in the spec or in a file it references fails the import, whatever host
 * it names, because specs come from untrusted places (a pull request) and a fetch could reach an
 * internal address. Relative file references ({@code ./schemas.yaml#/User}) are inlined when the
 * file lies in the spec's directory or the working directory (see {@link RemoteRefGuard}).
 *
 * <p>By default strict: any message from the parser (syntax error, missing required field,
 * unresolvable reference) fails the import with {@link SpecImportException} listing all of them,
 * because a diff against a half-understood spec produces wrong findings. The lenient importer hands
 * the messages to a consumer instead and fails only when no document could be read at all.
 */
public final class SpecImporter {
    private final Consumer<String> warnings;
    private final boolean strict;

    /** A strict importer: every parser message is fatal. */
    public SpecImporter() {
        this.warnings = message -> {};
        this.strict = true;
    }

    /** A lenient importer: parser messages go to {@code warnings} (one call each, with the source). */
    public SpecImporter(Consumer<String> warnings) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.strict = false;
    }

    /** Imports {@code file}; throws {@link SpecImportException} with every problem found. */
    public ApiSpec read(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new SpecImportException(source, List.of("file not found or not a regular file"));
        }
        // Remote $refs are refused before the parser runs, so it never fetches anything: its own
        // safe-URL mode rejects relative file references in OpenAPI 3.0 and is ignored for
        // Swagger 2.0 (see RemoteRefGuard). A security refusal, so fatal in the lenient mode too.
        RemoteRefGuard.Result guard = RemoteRefGuard.check(file);
        if (!guard.refusals().isEmpty()) {
            throw new SpecImportException(source, guard.refusals());
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        // For OpenAPI 3.1 the safe-URL mode works (relative files resolve, non-public hosts are
        // refused at fetch time): a second line behind the guard.
        options.setSafelyResolveURL(guard.openApi31());
        SwaggerParseResult result;
        try {
            result = new OpenAPIParser().readLocation(file.toAbsolutePath().toString(), null, options);
        } catch (RuntimeException e) {
            throw new SpecImportException(
                    source, List.of("parser failed: " + e.getClass().getSimpleName()), e);
        }
        List<String> problems = new ArrayList<>(new LinkedHashSet<>(
                result == null || result.getMessages() == null ? List.<String>of() : result.getMessages()));
        OpenAPI api = result == null ? null : result.getOpenAPI();
        if (api == null && problems.isEmpty()) {
            problems.add("not an OpenAPI or Swagger document");
        }
        if (!problems.isEmpty() && (strict || api == null)) {
            throw new SpecImportException(source, problems);
        }
        problems.forEach(problem -> warnings.accept(source + ": " + problem));
        return toSpec(source, api);
    }

    private static ApiSpec toSpec(String source, OpenAPI api) {
        List<String> servers = servers(api.getServers());
        String basePath = ServerUrls.basePath(servers.getFirst());
        SchemaConverter schemas = new SchemaConverter();
        List<SpecOperation> operations = new ArrayList<>();
        Map<String, PathItem> paths = api.getPaths() == null ? Map.of() : new TreeMap<>(api.getPaths());
        paths.forEach((path, item) -> {
            List<String> itemServers =
                    item.getServers() == null || item.getServers().isEmpty() ? List.of() : servers(item.getServers());
            item.readOperationsMap().forEach((method, operation) -> {
                List<String> opServers =
                        operation.getServers() == null || operation.getServers().isEmpty()
                                ? itemServers
                                : servers(operation.getServers());
                String base = opServers.isEmpty() ? basePath : ServerUrls.basePath(opServers.getFirst());
                operations.add(
                        operation(method.name(), base + path, item, operation, security(api, operation), schemas));
            });
        });
        String title = api.getInfo() == null ? "" : api.getInfo().getTitle();
        String version = api.getInfo() == null ? "" : api.getInfo().getVersion();
        return new ApiSpec(source, title, version, servers, operations);
    }

    private static List<String> servers(List<Server> servers) {
        List<String> urls = new ArrayList<>();
        if (servers != null) {
            for (Server server : servers) {
                urls.add(substitute(server));
            }
        }
        if (urls.isEmpty()) {
            urls.add("/");
        }
        return urls;
    }

    private static String substitute(Server server) {
        String url = server.getUrl() == null ? "/" : server.getUrl();
        if (server.getVariables() != null) {
            for (Map.Entry<String, ServerVariable> variable : new TreeMap<>(server.getVariables()).entrySet()) {
                String value = variable.getValue().getDefault();
                if (value != null) {
                    url = url.replace("{" + variable.getKey() + "}", value);
                }
            }
        }
        return url;
    }

    /**
     * API keys of the operation's effective security requirements, as parameters: a spec documents
     * its key header or query parameter there, not in {@code parameters}.
     */
    private static List<SpecParameter> security(OpenAPI api, Operation operation) {
        List<SecurityRequirement> requirements =
                operation.getSecurity() != null ? operation.getSecurity() : api.getSecurity();
        Map<String, SecurityScheme> schemes =
                api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
                        ? Map.of()
                        : api.getComponents().getSecuritySchemes();
        List<SpecParameter> parameters = new ArrayList<>();
        if (requirements == null) {
            return parameters;
        }
        for (SecurityRequirement requirement : requirements) {
            for (String name : new TreeMap<>(requirement).keySet()) {
                SecurityScheme scheme = schemes.get(name);
                if (scheme != null
                        && scheme.getType() == SecurityScheme.Type.APIKEY
                        && scheme.getName() != null
                        && scheme.getIn() != null) {
                    ParameterLocation in =
                            ParameterLocation.valueOf(scheme.getIn().toString().toUpperCase(Locale.ROOT));
                    parameters.add(new SpecParameter(
                            scheme.getName(), in, false, false, "", false, JsonNodeFactory.instance.objectNode()));
                }
            }
        }
        return parameters;
    }

    private static SpecOperation operation(
            String method,
            String path,
            PathItem item,
            Operation operation,
            List<SpecParameter> security,
            SchemaConverter schemas) {
        Map<String, Parameter> merged = new LinkedHashMap<>();
        for (List<Parameter> list : List.of(
                item.getParameters() == null ? List.<Parameter>of() : item.getParameters(),
                operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters())) {
            for (Parameter parameter : list) {
                if (parameter.getName() != null && isLocation(parameter.getIn())) {
                    merged.put(parameter.getIn() + ":" + parameter.getName(), parameter);
                }
            }
        }
        List<SpecParameter> parameters = new ArrayList<>();
        for (Parameter parameter : merged.values()) {
            parameters.add(parameter(parameter, schemas));
        }
        parameters.addAll(security);
        Map<String, JsonNode> requestBodies = operation.getRequestBody() == null
                ? Map.of()
                : bodies(operation.getRequestBody().getContent(), schemas);
        Map<String, Map<String, JsonNode>> responses = new TreeMap<>();
        if (operation.getResponses() != null) {
            for (Map.Entry<String, ApiResponse> response :
                    operation.getResponses().entrySet()) {
                responses.put(response.getKey(), bodies(response.getValue().getContent(), schemas));
            }
        }
        return new SpecOperation(
                method, path, Boolean.TRUE.equals(operation.getDeprecated()), parameters, requestBodies, responses);
    }

    private static boolean isLocation(String in) {
        for (ParameterLocation location : ParameterLocation.values()) {
            if (location.openApiName().equals(in)) {
                return true;
            }
        }
        return false;
    }

    private static SpecParameter parameter(Parameter parameter, SchemaConverter schemas) {
        ParameterLocation in = ParameterLocation.valueOf(parameter.getIn().toUpperCase(Locale.ROOT));
        String style = parameter.getStyle() != null
                ? parameter.getStyle().toString()
                : (in == ParameterLocation.QUERY || in == ParameterLocation.COOKIE ? "form" : "simple");
        boolean explode = parameter.getExplode() != null ? parameter.getExplode() : style.equals("form");
        JsonNode schema;
        if (parameter.getSchema() != null) {
            schema = schemas.convert(parameter.getSchema());
        } else if (parameter.getContent() != null && !parameter.getContent().isEmpty()) {
            MediaType first = parameter.getContent().values().iterator().next();
            schema = schemas.convert(first.getSchema());
        } else {
            schema = schemas.convert(null);
        }
        return new SpecParameter(
                parameter.getName(),
                in,
                Boolean.TRUE.equals(parameter.getRequired()),
                Boolean.TRUE.equals(parameter.getDeprecated()),
                style,
                explode,
                schema);
    }

    private static Map<String, JsonNode> bodies(Content content, SchemaConverter schemas) {
        Map<String, JsonNode> bodies = new TreeMap<>();
        if (content != null) {
            content.forEach((mediaType, media) -> bodies.put(mediaType, schemas.convert(media.getSchema())));
        }
        return bodies;
    }
}
