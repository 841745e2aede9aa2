package dev.vigil.scan.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.AuthScheme;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.Exposure;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.scan.http.HttpCall;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetLoaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TargetLoader loader = new TargetLoader(Map.of("tenant", "acme"));

    private static ObjectNode schema(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void buildsOperationsFromInventoryWithSamplesAndAuth() throws Exception {
        Endpoint e = new Endpoint(
                new EndpointKey("api.example.com", "POST", "/tenants/{tenant}/accounts/{accountId}/transfers"),
                1.0,
                10,
                Instant.EPOCH,
                Instant.EPOCH,
                Exposure.PUBLIC,
                List.of(new AuthScheme.Jwt("RS256", "", List.of(), List.of())),
                Set.of(),
                List.of(
                        new Parameter("tenant", ParameterLocation.PATH, true, schema("{\"type\":\"string\"}"), 10),
                        new Parameter("accountId", ParameterLocation.PATH, true, schema("{\"type\":\"integer\"}"), 10),
                        new Parameter("dryRun", ParameterLocation.QUERY, true, schema("{\"type\":\"boolean\"}"), 10)),
                Map.of(
                        "application/json",
                        schema(
                                "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\"},"
                                        + "\"to\":{\"type\":\"string\",\"format\":\"uuid\"},\"id\":{\"type\":\"integer\",\"readOnly\":true}}}")),
                Map.of(),
                List.of());
        Target t = loader.build(URI.create("http://127.0.0.1:8080/api"), List.of(e), Optional.empty());
        Operation op = t.operations().getFirst();
        assertThat(op.secured()).isTrue();
        assertThat(op.pathParameterNames()).containsExactly("tenant", "accountId");
        HttpCall call = op.call(t.baseUrl(), Map.of("accountId", "42"), Map.of());
        assertThat(call.url().toString())
                .isEqualTo("http://127.0.0.1:8080/api/tenants/acme/accounts/42/transfers?dryRun=true");
        assertThat(call.body()).isEqualTo("{\"amount\":1.0,\"to\":\"00000000-0000-4000-8000-000000000001\"}");
    }

    @Test
    void readsOpenApi3WithSecurityExamplesAndServer() {
        String spec = """
                openapi: 3.0.3
                info: {title: t, version: "1"}
                servers: [{url: "http://127.0.0.1:9/v1"}]
                security: [{bearer: []}]
                paths:
                  /health:
                    get:
                      security: []
                      responses: {"200": {description: ok}}
                  /users/{userId}:
                    parameters:
                      - {name: userId, in: path, required: true, schema: {type: string, format: uuid}}
                    get:
                      responses: {"200": {description: ok}}
                    patch:
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: "#/components/schemas/User"}
                      responses: {"200": {description: ok}}
                components:
                  securitySchemes: {bearer: {type: http, scheme: bearer}}
                  schemas:
                    User: {type: object, properties: {name: {type: string, example: Ann}, role: {type: string, enum: [user, admin]}}}
                """;
        Target t = loader.build(null, List.of(), Optional.of(spec));
        assertThat(t.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/v1"));
        assertThat(t.operations())
                .extracting(Operation::key)
                .containsExactly("GET /health", "GET /users/{userId}", "PATCH /users/{userId}");
        assertThat(t.operations().get(0).secured()).isFalse();
        assertThat(t.operations().get(1).secured()).isTrue();
        assertThat(t.operations().get(1).sample("userId")).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(t.operations().get(2).sampleBody()).isEqualTo("{\"name\":\"Ann\",\"role\":\"user\"}");
    }

    @Test
    void readsSwagger2() {
        String spec = """
                swagger: "2.0"
                info: {title: t, version: "1"}
                host: 127.0.0.1:7
                basePath: /api
                schemes: [http]
                paths:
                  /orders/{id}:
                    get:
                      parameters: [{name: id, in: path, required: true, type: integer}]
                      responses: {"200": {description: ok}}
                """;
        Target t = loader.build(null, List.of(), Optional.of(spec));
        assertThat(t.baseUrl().toString()).isEqualTo("http://127.0.0.1:7/api");
        assertThat(t.operations().getFirst().parameters().getFirst().numeric()).isTrue();
    }

    @Test
    void reportsEveryTargetProblem() {
        assertThatThrownBy(() -> loader.build(null, List.of(), Optional.empty()))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("no base URL")
                .hasMessageContaining("no operations");
    }

    @Test
    void aSpecWithARemoteRefIsRefusedAndNothingIsFetched() throws Exception {
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer listener = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "User: {type: object}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
        try {
            String ref = "http://127.0.0.1:" + listener.getAddress().getPort() + "/schemas.yaml#/User";
            assertThatThrownBy(() -> loader.fromOpenApi(spec("'" + ref + "'")))
                    .isInstanceOf(TargetException.class)
                    .satisfies(e -> assertThat(((TargetException) e).problems())
                            .singleElement()
                            .asString()
                            .contains("$ref '" + ref + "'", "127.0.0.1, a loopback address"));
            assertThat(requests).hasValue(0);

            // A reference to another file would be resolved against the working directory.
            assertThatThrownBy(() -> loader.fromOpenApi(spec("'./evil.yaml#/User'")))
                    .isInstanceOf(TargetException.class)
                    .hasMessageContaining("cannot reference other files");

            // The same spec with the schema in the document itself: nothing to fetch, parsed.
            assertThat(loader.fromOpenApi(spec("'#/components/schemas/User'")).operations())
                    .singleElement()
                    .satisfies(o -> assertThat(o.key()).isEqualTo("POST /users"));
        } finally {
            listener.stop(0);
        }
    }

    private static String spec(String userRef) {
        return """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /users:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: %s}
                      responses: {'201': {description: created}}
                components:
                  schemas:
                    User: {type: object, properties: {name: {type: string}}}
                """.formatted(userRef);
    }

    @Test
    void aSpecFileMayReferenceFilesBesideItButNothingRemote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Safe twin: a split spec given as a file resolves against its own directory.
        java.nio.file.Files.writeString(
                dir.resolve("schemas.yaml"), "User: {type: object, properties: {name: {type: string}}}\n");
        java.nio.file.Path main =
                java.nio.file.Files.writeString(dir.resolve("main.yaml"), spec("'./schemas.yaml#/User'"));
        assertThat(loader.fromOpenApi(main).operations()).singleElement().satisfies(o -> assertThat(o.sampleBody())
                .contains("name"));

        // Vulnerable case: the referenced file points at a URL; refused before anything is fetched.
        java.nio.file.Files.writeString(dir.resolve("schemas.yaml"), "User: {$ref: 'http://127.0.0.1:9/x.yaml#/U'}\n");
        assertThatThrownBy(() -> loader.fromOpenApi(main))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("$ref 'http://127.0.0.1:9/x.yaml#/U' in schemas.yaml refused");
    }
}
