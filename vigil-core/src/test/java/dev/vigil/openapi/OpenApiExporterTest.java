package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.AuthScheme;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.Exposure;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.discovery.ResponseSummary;
import dev.vigil.discovery.SensitiveField;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiExporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static ObjectNode schema(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<Endpoint> inventory() {
        Endpoint getUser = new Endpoint(
                new EndpointKey("api.example.com", "GET", "/users/{userId}"),
                0.99,
                42,
                T0,
                T0.plusSeconds(3600),
                Exposure.PUBLIC,
                List.of(new AuthScheme.Jwt("RS256", "https://id.example.com", List.of("shop"), List.of("read"))),
                Set.of("user-1", "user-2"),
                List.of(
                        new Parameter("userId", ParameterLocation.PATH, true, schema("{\"type\":\"integer\"}"), 42),
                        new Parameter(
                                "expand",
                                ParameterLocation.QUERY,
                                false,
                                schema("{\"type\":\"string\",\"enum\":[\"orders\"]}"),
                                3)),
                Map.of(),
                Map.of(
                        200,
                                new ResponseSummary(
                                        200,
                                        40,
                                        Map.of(
                                                "application/json",
                                                schema(
                                                        "{\"type\":\"object\",\"properties\":{\"email\":{\"type\":\"string\",\"format\":\"email\","
                                                                + "\"x-vigil-sensitive\":[\"email\"],\"examples\":[\"<redacted:email>\"]}},\"required\":[\"email\"]}"))),
                        404, new ResponseSummary(404, 2, Map.of())),
                List.of(new SensitiveField("response:$.email", "email", "PII", 0.97, 40, 40)));
        Endpoint partner = new Endpoint(
                new EndpointKey("api.example.com", "POST", "/partner/v1/payments"),
                1.0,
                5,
                T0,
                T0,
                Exposure.PARTNER,
                List.of(new AuthScheme.ApiKey(ParameterLocation.HEADER, "X-API-Key")),
                Set.of(),
                List.of(),
                Map.of(
                        "application/json",
                        schema("{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"integer\"}}}")),
                Map.of(201, new ResponseSummary(201, 5, Map.of())),
                List.of());
        Endpoint outbound = new Endpoint(
                new EndpointKey("rates.example.net", "GET", "/latest"),
                1.0,
                3,
                T0,
                T0,
                Exposure.THIRD_PARTY,
                List.of(new AuthScheme.None()),
                Set.of(),
                List.of(),
                Map.of(),
                Map.of(),
                List.of());
        return List.of(getUser, partner, outbound);
    }

    @Test
    void exportsOneValidOpenApi31DocumentPerHost() {
        Map<String, ObjectNode> docs = new OpenApiExporter().exportByHost(inventory());
        assertThat(docs).containsOnlyKeys("api.example.com", "rates.example.net");
        for (ObjectNode doc : docs.values()) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIParser().readContents(doc.toString(), null, options);
            assertThat(result.getMessages()).as(doc.toPrettyString()).isEmpty();
            assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        }
    }

    @Test
    void carriesSecuritySchemesParametersAndVigilExtensions() {
        ObjectNode doc = new OpenApiExporter().exportByHost(inventory()).get("api.example.com");
        ObjectNode op = (ObjectNode) doc.at("/paths/~1users~1{userId}/get");
        assertThat(op.path("x-vigil-calls").asLong()).isEqualTo(42);
        assertThat(op.path("x-vigil-first-seen").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(op.path("x-vigil-sensitive").get(0).path("dataType").asText())
                .isEqualTo("email");
        assertThat(op.path("security").toString()).isEqualTo("[{\"jwt\":[]}]");
        assertThat(op.at("/parameters/0/in").asText()).isEqualTo("path");
        assertThat(doc.at("/components/securitySchemes/jwt/bearerFormat").asText())
                .isEqualTo("JWT");
        assertThat(doc.at("/components/securitySchemes/apiKey-header-x-api-key/name")
                        .asText())
                .isEqualTo("X-API-Key");
        assertThat(doc.at("/paths/~1users~1{userId}/get/responses/404/description")
                        .asText())
                .isEqualTo("Observed 2 times");
    }

    @Test
    void outputIsByteStableForTheSameInventory() {
        String once = new OpenApiExporter().exportByHost(inventory()).toString();
        List<Endpoint> reversed = new java.util.ArrayList<>(inventory());
        java.util.Collections.reverse(reversed);
        assertThat(new OpenApiExporter().exportByHost(reversed).toString()).isEqualTo(once);
    }
}
