package dev.vigil.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode schema(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An endpoint using every auth scheme and every part of the snapshot. */
    static Endpoint fullEndpoint(String schemaOfId) {
        return new Endpoint(
                new EndpointKey("api.example.com:8443", "GET", "/users/{userId}"),
                0.875,
                1234,
                Instant.parse("2026-01-02T03:04:05.123456789Z"),
                Instant.parse("2026-02-03T04:05:06Z"),
                Exposure.PARTNER,
                List.of(
                        new AuthScheme.None(),
                        new AuthScheme.Basic(),
                        new AuthScheme.OpaqueBearer(),
                        new AuthScheme.Jwt("RS256", "https://issuer.example", List.of("api", "web"), List.of("read")),
                        new AuthScheme.ApiKey(ParameterLocation.HEADER, "X-Api-Key"),
                        new AuthScheme.SessionCookie("sid"),
                        new AuthScheme.OAuth2TokenEndpoint(List.of("client_credentials", "password"))),
                Set.of("bob", "alice"),
                List.of(
                        new Parameter("userId", ParameterLocation.PATH, true, schema(schemaOfId), 1234),
                        new Parameter("page", ParameterLocation.QUERY, false, schema("{\"type\":\"integer\"}"), 7)),
                Map.of("application/json", schema("{\"type\":\"object\",\"properties\":{\"b\":{},\"a\":{}}}")),
                Map.of(
                        200,
                        new ResponseSummary(200, 1200, Map.of("application/json", schema("{\"type\":\"object\"}"))),
                        404,
                        new ResponseSummary(404, 34, Map.of())),
                List.of(
                        new SensitiveField("response:$.email", "email", "pii", 0.99, 100, 99),
                        new SensitiveField("query:card", "card-number", "financial", 1.0E-4, 10000, 1)));
    }

    @Test
    void roundTripsEveryPartOfAnEndpoint() {
        Endpoint endpoint = fullEndpoint("{\"type\":\"string\",\"format\":\"uuid\"}");

        Endpoint back = EndpointJson.read(EndpointJson.write(endpoint));

        assertThat(back).isEqualTo(endpoint);
        assertThat(back.authSchemes()).hasSize(7);
    }

    @Test
    void writesTheSameBytesWhateverTheSchemaKeyOrder() {
        String one = EndpointJson.write(fullEndpoint("{\"type\":\"string\",\"format\":\"uuid\"}"));
        String two = EndpointJson.write(fullEndpoint("{\"format\":\"uuid\",\"type\":\"string\"}"));

        assertThat(one).isEqualTo(two).contains("{\"format\":\"uuid\",\"type\":\"string\"}");
    }

    @Test
    void writesTheCheckedInGoldenText() throws IOException {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/EndpointJsonTest/endpoint.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }

        assertThat(EndpointJson.write(fullEndpoint("{\"type\":\"string\",\"format\":\"uuid\"}")))
                .isEqualTo(golden);
    }

    @Test
    void readsTextWhoseKeysWereReordered() throws IOException {
        Endpoint endpoint = fullEndpoint("{\"type\":\"string\",\"format\":\"uuid\"}");
        JsonNode reversed = reverseKeys(JSON.readTree(EndpointJson.write(endpoint)));

        String reordered = JSON.writeValueAsString(reversed);

        assertThat(reordered).isNotEqualTo(EndpointJson.write(endpoint));
        assertThat(EndpointJson.read(reordered)).isEqualTo(endpoint);
    }

    @Test
    void namesThePathOfAMissingField() {
        ObjectNode node = EndpointJson.encode(fullEndpoint("{}"));
        ((ObjectNode) node.withArray("parameters").get(1)).remove("in");

        assertThatThrownBy(() -> EndpointJson.decode(node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.parameters[1].in is missing");
    }

    @Test
    void rejectsAnUnknownValueWithoutEchoingIt() {
        ObjectNode node = EndpointJson.encode(fullEndpoint("{}"));
        node.put("exposure", "eyJhbGciOiJIUzI1NiJ9.secret");

        assertThatThrownBy(() -> EndpointJson.decode(node))
                .hasMessageStartingWith("$.exposure must be one of")
                .hasMessageNotContaining("secret");
    }

    @Test
    void acceptsAKnownValueInAnyCase() {
        ObjectNode node = EndpointJson.encode(fullEndpoint("{}"));
        node.put("exposure", "third_party");

        assertThat(EndpointJson.decode(node).exposure()).isEqualTo(Exposure.THIRD_PARTY);
    }

    @Test
    void rejectsInvalidJsonWithoutQuotingIt() {
        assertThatThrownBy(() -> EndpointJson.read("{\"host\": password123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint JSON is not valid JSON")
                .hasMessageNotContaining("password123");
    }

    @Test
    void refusesANonFiniteConfidence() {
        Endpoint good = fullEndpoint("{}");
        Endpoint bad = new Endpoint(
                good.key(),
                Double.NaN,
                good.calls(),
                good.firstSeen(),
                good.lastSeen(),
                good.exposure(),
                good.authSchemes(),
                good.principals(),
                good.parameters(),
                good.requestBodies(),
                good.responses(),
                good.sensitiveFields());

        assertThatThrownBy(() -> EndpointJson.write(bad)).hasMessageContaining("templateConfidence");
    }

    private static JsonNode reverseKeys(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
            ObjectNode out = JSON.createObjectNode();
            for (int i = entries.size() - 1; i >= 0; i--) {
                out.set(entries.get(i).getKey(), reverseKeys(entries.get(i).getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(element -> out.add(reverseKeys(element)));
            return out;
        }
        return node;
    }
}
