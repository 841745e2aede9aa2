package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiSpecTest {

    static DemoApi api;
    static TestHttp http;
    static OpenAPI v2;
    static OpenAPI v1;

    @BeforeAll
    static void start() throws IOException {
        api = DemoApi.start(
                DemoConfig.defaults().withClock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)));
        http = new TestHttp(api);
        v2 = spec("openapi.yaml");
        v1 = spec("openapi-v1.yaml");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static OpenAPI spec(String name) throws IOException {
        try (InputStream in = DemoApi.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            ParseOptions options = new ParseOptions();
            options.setResolveFully(true);
            SwaggerParseResult result = new OpenAPIV3Parser()
                    .readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options);
            assertThat(result.getMessages()).as(name + " parse messages").isEmpty();
            assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
            return result.getOpenAPI();
        }
    }

    static List<String> operations(OpenAPI spec) {
        List<String> out = new ArrayList<>();
        spec.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().keySet().forEach(method -> out.add(method + " " + path)));
        return out;
    }

    static String concrete(String path) {
        return path.replace("{accountId}", "0b7e4f7e-33b5-4b8e-9d41-6d0f0f7d2a11")
                .replace("{userId}", "5f0a3c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b")
                .replace("{cardId}", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
                .replace("{transactionId}", "1000")
                .replace("{ticketId}", "card-declined-abroad-1040")
                .replace("{paymentId}", "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a")
                .replace("{eventId}", "7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a");
    }

    @Test
    void everyDocumentedOperationIsServed() {
        for (OpenAPI spec : List.of(v2, v1)) {
            for (String operation : operations(spec)) {
                String[] parts = operation.split(" ", 2);
                HttpResponse<String> r = http.send(parts[0], concrete(parts[1]), null);
                assertThat(r.statusCode()).as(operation).isNotEqualTo(404);
            }
        }
    }

    @Test
    void supportTicketsAndUserLockAreServedButUndocumentedWhileV1IsDocumentedAsDeprecated() {
        List<String> documented = operations(v2);
        List<String> shadow = List.of(
                "GET /api/v2/support/tickets",
                "GET /api/v2/support/tickets/{ticketId}",
                "POST /api/v2/admin/users/{userId}/lock");

        assertThat(documented).doesNotContainAnyElementsOf(shadow).contains("GET /api/v2/accounts/{accountId}");
        for (String operation : shadow) {
            String[] parts = operation.split(" ", 2);
            assertThat(http.send(parts[0], concrete(parts[1]), null).statusCode())
                    .as(operation)
                    .isEqualTo(401);
        }
        assertThat(v1.getPaths().values())
                .flatMap(PathItem::readOperations)
                .extracting(Operation::getDeprecated)
                .containsOnly(true);
    }

    @Test
    void responsesOfCustomerReadsHaveExactlyTheDocumentedFields() {
        OpenAPI spec = v2;
        String token = http.token(DemoCredentials.NORTHWIND_CUSTOMER_1);
        User alice =
                api.bank().userByUsername(DemoCredentials.NORTHWIND_CUSTOMER_1).orElseThrow();
        Account account = api.bank().accountsOf(alice.id()).getFirst();
        Map<String, String> reads = Map.of(
                "/api/v2/users/me", "/api/v2/users/me",
                "/api/v2/users/{userId}", "/api/v2/users/" + alice.id(),
                "/api/v2/accounts", "/api/v2/accounts",
                "/api/v2/accounts/{accountId}/transactions", "/api/v2/accounts/" + account.id() + "/transactions",
                "/api/v2/transactions/search", "/api/v2/transactions/search?q=a",
                "/api/v2/cards", "/api/v2/cards",
                "/api/v2/cards/{cardId}",
                        "/api/v2/cards/"
                                + api.bank().cardsOf(alice.id()).getFirst().id());
        for (Map.Entry<String, String> read : new TreeMap<>(reads).entrySet()) {
            Schema<?> schema = spec.getPaths()
                    .get(read.getKey())
                    .getGet()
                    .getResponses()
                    .get("200")
                    .getContent()
                    .get("application/json")
                    .getSchema();
            HttpResponse<String> r = http.get(read.getValue(), token);
            assertThat(r.statusCode()).as(read.getValue()).isEqualTo(200);
            List<String> mismatches = new ArrayList<>();
            compare(schema, TestHttp.json(r), read.getKey(), mismatches);
            assertThat(mismatches).as(read.getValue()).isEmpty();
        }
    }

    /** Object fields must match the documented properties exactly; arrays are checked element by element. */
    private static void compare(Schema<?> schema, JsonNode value, String where, List<String> mismatches) {
        if (schema.getProperties() != null && value.isObject()) {
            TreeSet<String> actual = new TreeSet<>();
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                actual.add(it.next());
            }
            if (!actual.equals(new TreeSet<>(schema.getProperties().keySet()))) {
                mismatches.add(where + ": fields " + actual + " but documented "
                        + schema.getProperties().keySet());
            }
            schema.getProperties().forEach((name, property) -> {
                if (value.has(name)) {
                    compare(property, value.get(name), where + "." + name, mismatches);
                }
            });
        } else if (schema.getItems() != null && value.isArray()) {
            for (JsonNode element : value) {
                compare(schema.getItems(), element, where + "[]", mismatches);
            }
        }
    }
}
