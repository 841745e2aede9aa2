package dev.vigil.guard.model;

import static dev.vigil.guard.model.Traffic.endpoint;
import static dev.vigil.guard.model.Traffic.exchange;
import static dev.vigil.guard.model.Traffic.head;
import static dev.vigil.guard.model.Traffic.param;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.openapi.ApiSpec;
import dev.vigil.openapi.SpecImporter;
import dev.vigil.openapi.SpecOperation;
import dev.vigil.openapi.SpecParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecModelTest {
    static final Classifier CLASSIFIER = Classifier.builtIn();
    final MutableClock clock = new MutableClock(Traffic.T0);

    static final List<Endpoint> INVENTORY = List.of(
            endpoint(
                    "GET",
                    "/users/{userId}",
                    500,
                    List.of(param("userId", ParameterLocation.PATH, "{\"type\":\"integer\"}", 500))),
            endpoint("GET", "/users/me", 500, List.of()),
            endpoint(
                    "GET",
                    "/orders/{orderId}",
                    500,
                    List.of(param(
                            "orderId", ParameterLocation.PATH, "{\"type\":\"string\",\"format\":\"uuid\"}", 500))),
            endpoint(
                    "GET",
                    "/search",
                    500,
                    List.of(
                            param("q", ParameterLocation.QUERY, "{\"type\":\"string\"}", 500),
                            param("page", ParameterLocation.QUERY, "{\"type\":\"integer\"}", 300))),
            endpoint("GET", "/fresh", 3, List.of(param("page", ParameterLocation.QUERY, "{\"type\":\"integer\"}", 3))),
            endpoint(
                    "POST",
                    "/orders",
                    500,
                    List.of(),
                    Map.of(
                            "application/json",
                            Traffic.schema("{\"type\":\"object\",\"properties\":{"
                                    + "\"item\":{\"type\":\"string\"},\"quantity\":{\"type\":\"integer\"}},"
                                    + "\"required\":[\"item\"]}")),
                    List.of()));

    ModelDetectors model(ModelMode mode) {
        return ModelDetectors.of(INVENTORY, List.of(), ModelConfig.DEFAULTS.withDefaultMode(mode), CLASSIFIER, clock);
    }

    static List<String> types(List<Detection> found) {
        return found.stream().map(Detection::type).toList();
    }

    @Test
    void flagsAnOperationTheModelDoesNotKnow() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        assertThat(types(m.inspectRequest(head("GET", "/admin/export")))).containsExactly("spec.unknown-endpoint");
        assertThat(types(m.inspectRequest(head("DELETE", "/users/7")))).containsExactly("spec.unknown-endpoint");
        assertThat(m.inspectRequest(head("GET", "/users/7"))).isEmpty();
        assertThat(m.inspectRequest(head("HEAD", "/users/7"))).isEmpty();
    }

    @Test
    void aCorsPreflightToAKnownPathIsNotAnUnknownOperation() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        assertThat(m.inspectRequest(head("OPTIONS", "/users/7", "Access-Control-Request-Method", "GET")))
                .isEmpty();
        assertThat(types(m.inspectRequest(head("OPTIONS", "/users/7")))).containsExactly("spec.unknown-endpoint");
    }

    @Test
    void judgesNothingOnAHostTheModelHasNeverSeen() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        assertThat(m.inspectRequest(Traffic.head("GET", "/admin/export", "host", "other.test")))
                .isEmpty();
    }

    @Test
    void flagsAWrongPathParameterTypeButPrefersALiteralSegment() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        List<Detection> found = m.inspectRequest(head("GET", "/users/abc"));
        assertThat(types(found)).containsExactly("spec.type-mismatch");
        assertThat(found.get(0).evidence()).contains("path:userId").doesNotContain("abc");
        assertThat(m.inspectRequest(head("GET", "/users/me"))).isEmpty();
        assertThat(m.inspectRequest(head("GET", "/users/42"))).isEmpty();
    }

    @Test
    void flagsAViolatedUuidFormat() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        assertThat(types(m.inspectRequest(head("GET", "/orders/1%20OR%201=1"))))
                .containsExactly("spec.format-mismatch");
        assertThat(m.inspectRequest(head("GET", "/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301")))
                .isEmpty();
    }

    @Test
    void flagsQueryParametersTheOperationNeverTook() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        assertThat(types(m.inspectRequest(head("GET", "/search?q=shoes&debug=true"))))
                .containsExactly("spec.unexpected-parameter");
        assertThat(types(m.inspectRequest(head("GET", "/search?q=shoes&page=two"))))
                .containsExactly("spec.type-mismatch");
        assertThat(m.inspectRequest(head("GET", "/search?q=shoes&page=2"))).isEmpty();
        String secretName = "eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiJhbGljZSJ9c2lnbmF0dXJl";
        assertThat(m.inspectRequest(head("GET", "/search?q=shoes&" + secretName + "=1")))
                .singleElement()
                .satisfies(d -> assertThat(d.evidence()).doesNotContain(secretName));
        // Credentials in the query are not parameters of the operation.
        assertThat(m.inspectRequest(head("GET", "/search?q=shoes&api_key=k"))).isEmpty();
    }

    @Test
    void doesNotTrustWhatWasLearnedFromTooFewCalls() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        assertThat(m.inspectRequest(head("GET", "/fresh?page=abc&other=1"))).isEmpty();
    }

    @Test
    void learnModeRecordsWithoutDetectingThenEnforcesLearnedLengths() {
        ModelDetectors m = model(ModelMode.LEARN);
        String oversized = "/search?q=" + "a".repeat(400);
        assertThat(m.inspectRequest(head("GET", "/search?q=shoes&debug=true"))).isEmpty();
        assertThat(m.inspectRequest(head("GET", oversized))).isEmpty();
        for (int i = 0; i < 30; i++) {
            m.inspectResponse(exchange("GET", "/search?q=shoes" + i + "&sort=asc", "", 200, "{}"));
        }
        m.spec().modeAll(ModelMode.ENFORCE);
        assertThat(types(m.inspectRequest(head("GET", oversized)))).containsExactly("spec.oversized-value");
        assertThat(m.inspectRequest(head("GET", "/search?q=" + "b".repeat(40) + "&sort=desc")))
                .isEmpty();
    }

    @Test
    void modeIsSetPerOperation() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        assertThat(m.spec().mode("GET", "/search", ModelMode.LEARN)).isTrue();
        assertThat(m.inspectRequest(head("GET", "/search?q=shoes&debug=true"))).isEmpty();
        assertThat(m.inspectRequest(head("GET", "/users/abc"))).isNotEmpty();
        assertThat(m.spec().mode("GET", "/nowhere", ModelMode.LEARN)).isFalse();
    }

    @Test
    void flagsABodyThatBreaksTheLearnedSchema() {
        ModelDetectors m = model(ModelMode.ENFORCE);
        List<Detection> wrongType =
                m.inspectResponse(exchange("POST", "/orders", "{\"item\":\"pen\",\"quantity\":\"many\"}", 201, "{}"));
        assertThat(types(wrongType)).containsExactly("spec.body-schema");
        assertThat(wrongType.get(0).evidence()).contains("body:$.quantity");
        List<Detection> massAssignment =
                m.inspectResponse(exchange("POST", "/orders", "{\"item\":\"pen\",\"isAdmin\":true}", 201, "{}"));
        assertThat(types(massAssignment)).containsExactly("spec.unknown-field");
        assertThat(m.inspectResponse(exchange("POST", "/orders", "{\"item\":\"pen\",\"quantity\":2}", 201, "{}")))
                .isEmpty();
    }

    @Test
    void enforcesAnImportedSpec(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("api.yaml");
        Files.writeString(file, """
                openapi: 3.0.3
                info: { title: t, version: '1' }
                paths:
                  /accounts/{accountId}:
                    get:
                      parameters:
                        - { name: accountId, in: path, required: true, schema: { type: integer } }
                        - { name: fields, in: query, schema: { type: string, maxLength: 20 } }
                      responses: { '200': { description: ok } }
                """);
        ApiSpec spec = new SpecImporter().read(file);
        ModelDetectors m = ModelDetectors.of(List.of(), List.of(spec), ModelConfig.DEFAULTS, CLASSIFIER, clock);
        assertThat(types(m.inspectRequest(head("GET", "/accounts/x1")))).containsExactly("spec.type-mismatch");
        assertThat(types(m.inspectRequest(head("GET", "/accounts/1?expand=all"))))
                .containsExactly("spec.unexpected-parameter");
        assertThat(m.inspectRequest(head("GET", "/accounts/1?fields=name,email")))
                .isEmpty();
    }

    @Test
    void aSpecOperationMissingFromTheInventoryIsStillKnown() {
        SpecOperation op = new SpecOperation("GET", "/reports/{year}", false, List.of(), Map.of(), Map.of());
        ApiSpec spec = new ApiSpec("inline", "t", "1", List.of(), List.of(op));
        ModelDetectors m = ModelDetectors.of(INVENTORY, List.of(spec), ModelConfig.DEFAULTS, CLASSIFIER, clock);
        assertThat(m.inspectRequest(head("GET", "/reports/2025"))).isEmpty();
        assertThat(m.inspectRequest(head("GET", "/users/42"))).isEmpty();
        assertThat(types(m.inspectRequest(head("GET", "/reportz/2025")))).containsExactly("spec.unknown-endpoint");
    }

    @Test
    void flagsValuesLongerThanADocumentedMaxLength() {
        // vigil-core's importer does not carry maxLength yet; a spec operation that states it is enforced.
        SpecOperation op = new SpecOperation(
                "GET",
                "/notes",
                false,
                List.of(new SpecParameter(
                        "title",
                        ParameterLocation.QUERY,
                        false,
                        false,
                        "form",
                        true,
                        Traffic.schema("{\"type\":\"string\",\"maxLength\":20}"))),
                Map.of(),
                Map.of());
        ApiSpec spec = new ApiSpec("inline", "t", "1", List.of(), List.of(op));
        ModelDetectors m = ModelDetectors.of(List.of(), List.of(spec), ModelConfig.DEFAULTS, CLASSIFIER, clock);
        assertThat(types(m.inspectRequest(head("GET", "/notes?title=" + "t".repeat(21)))))
                .containsExactly("spec.oversized-value");
        assertThat(m.inspectRequest(head("GET", "/notes?title=" + "t".repeat(20))))
                .isEmpty();
    }
}
