package dev.vigil.scan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.scan.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
    private final CatalogLoader loader = new CatalogLoader();

    @Test
    void builtInCatalogIsValidAndTagged() {
        Catalog catalog = loader.load(List.of());
        assertThat(catalog.tests()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(catalog.tests()).allSatisfy(t -> {
            assertThat(t.owasp()).matches("API([1-9]|10):2023");
            assertThat(t.cweIds()).isNotEmpty();
            assertThat(t.remediation()).isNotBlank();
        });
        assertThat(catalog.tests())
                .extracting(CatalogTest::owasp)
                .contains("API1:2023", "API2:2023", "API3:2023", "API4:2023", "API5:2023", "API7:2023", "API8:2023");
        assertThat(catalog.test("jwt-alg-none").orElseThrow().mutation())
                .isEqualTo(new Mutation.TamperCredentials(Mutation.TamperVariant.JWT_ALG_NONE));
    }

    @Test
    void userFilesAddAndDisableTests(@TempDir Path dir) throws Exception {
        Path user = dir.resolve("mine.yaml");
        Files.writeString(user, """
                version: 1
                disable: [missing-nosniff]
                tests:
                  - id: debug-endpoint
                    title: Debug endpoint reachable
                    severity: low
                    owasp: API9:2023
                    cwe: [489]
                    remediation: Remove debug routes from production builds.
                    appliesTo: {paths: ["/debug/**"], methods: [GET]}
                    mutation: {kind: drop-credentials}
                    vulnerableIf: [{status: [200]}]
                """);
        Catalog catalog = loader.load(List.of(user));
        assertThat(catalog.test("missing-nosniff")).isEmpty();
        CatalogTest mine = catalog.test("debug-endpoint").orElseThrow();
        assertThat(mine.severity()).isEqualTo(Severity.LOW);
        assertThat(mine.source()).isEqualTo(user.toString());
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnce() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("builtin.yaml", CatalogLoader.builtinText());
        sources.put("a.yaml", """
                version: 1
                tests:
                  - id: Bad_Id
                    title: x
                    severity: urgent
                    owasp: API11:2023
                    cwe: []
                    remediation: fix it
                    mutation: {kind: teleport}
                    vulnerableIf: [{status: [2xx]}]
                """);
        sources.put("b.yaml", """
                version: 1
                disable: [no-such-test]
                tests:
                  - id: bola-read
                    title: duplicate of a built-in
                    severity: high
                    owasp: API1:2023
                    cwe: [639]
                    remediation: fix it
                    mutation: {kind: none}
                    vulnerableIf: [{status: [2xx]}]
                  - id: bad-regex
                    title: broken regex and wrong condition
                    severity: high
                    owasp: API8:2023
                    cwe: [1]
                    remediation: fix it
                    mutation: {kind: inject, payloads: ["'"]}
                    vulnerableIf: [{bodyMatches: ["(unclosed"]}, {callbackReceived: true}]
                  - id: ssrf-without-proof
                    title: callback without its proof
                    severity: high
                    owasp: API7:2023
                    cwe: [918]
                    remediation: fix it
                    mutation: {kind: callback-url}
                    vulnerableIf: [{status: [2xx]}]
                """);
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> loader.parse(sources));
        List<String> p = e.problems();
        assertThat(p).anyMatch(s -> s.startsWith("a.yaml: ") && s.contains("id"));
        assertThat(p).anyMatch(s -> s.startsWith("a.yaml: ") && s.contains("severity"));
        assertThat(p).anyMatch(s -> s.startsWith("a.yaml: ") && s.contains("owasp"));
        assertThat(p).anyMatch(s -> s.startsWith("a.yaml: ") && s.contains("kind"));
        assertThat(p).anyMatch(s -> s.startsWith("b.yaml: $.tests[0] (bola-read): duplicate test id"));
        assertThat(p)
                .anyMatch(s -> s.contains("(bad-regex).vulnerableIf[0].bodyMatches[0]: invalid regular expression"));
        assertThat(p)
                .anyMatch(s -> s.contains(
                        "(bad-regex).vulnerableIf: condition CallbackReceived requires mutation callback-url"));
        assertThat(p)
                .anyMatch(s -> s.contains("(ssrf-without-proof).vulnerableIf: mutation callback-url needs its proof"));
        assertThat(p).anyMatch(s -> s.equals("b.yaml: $.disable: unknown test id 'no-such-test'"));
    }

    @Test
    void newMutationKindsNeedTheirProofsAndKeepThemToThemselves() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("builtin.yaml", CatalogLoader.builtinText());
        sources.put("c.yaml", """
                version: 1
                tests:
                  - id: sleep-without-proof
                    title: a delay judged by status
                    severity: high
                    owasp: API8:2023
                    cwe: [78]
                    remediation: fix it
                    mutation: {kind: inject-delay, payloads: [";sleep {seconds};"], seconds: 2}
                    vulnerableIf: [{status: [2xx]}]
                  - id: delay-elsewhere
                    title: a delay condition on a plain request
                    severity: high
                    owasp: API8:2023
                    cwe: [78]
                    remediation: fix it
                    mutation: {kind: none}
                    vulnerableIf: [{delayed: true}]
                  - id: operator-without-proof
                    title: operators judged by status
                    severity: high
                    owasp: API8:2023
                    cwe: [943]
                    remediation: fix it
                    mutation: {kind: inject-operator}
                    vulnerableIf: [{status: [2xx]}]
                """);
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> loader.parse(sources));
        List<String> p = e.problems();
        assertThat(p)
                .anyMatch(
                        s -> s.contains(
                                "(sleep-without-proof).vulnerableIf: mutation inject-delay needs its proof condition (delayed)"));
        Map<String, String> unbounded = new LinkedHashMap<>(sources);
        unbounded.put("c.yaml", sources.get("c.yaml").replace("seconds: 2", "seconds: 9"));
        assertThat(catchThrowableOfType(CatalogException.class, () -> loader.parse(unbounded))
                        .problems())
                .contains("c.yaml: $.tests[0].mutation.seconds: must have a maximum value of 5");
        assertThat(p)
                .anyMatch(s ->
                        s.contains("(delay-elsewhere).vulnerableIf: condition Delayed requires mutation inject-delay"));
        assertThat(p)
                .anyMatch(
                        s -> s.contains(
                                "(operator-without-proof).vulnerableIf: mutation inject-operator needs its proof condition (booleanDifferential)"));
    }

    @Test
    void publishedSchemaInDocsMatchesTheOneUsed() throws Exception {
        Path docs = Path.of("..", "docs", "scan-catalog.schema.json");
        assertThat(Files.readString(docs)).isEqualTo(CatalogLoader.schemaText());
    }

    @Test
    void readsDeclaredFlowsWithTheirExtractions() {
        Catalog catalog = loader.parse(Map.of("flows.yaml", """
                version: 1
                flows:
                  - name: checkout
                    steps:
                      - operation: POST /orders
                        body: {cart: "c-1"}
                        extract:
                          orderId: {from: body, pointer: /id}
                          etag: {from: "header:ETag", regex: "\\"(.*)\\""}
                      - operation: POST /orders/{orderId}/pay
                        body: {order: "${orderId}"}
                """));
        assertThat(catalog.flows()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("checkout");
            assertThat(f.steps()).hasSize(2);
            assertThat(f.steps().getFirst().body()).isEqualTo("{\"cart\":\"c-1\"}");
            assertThat(f.steps().getFirst().extract())
                    .containsEntry("orderId", new BusinessFlow.Extract("body", "/id", ""))
                    .containsKey("etag");
        });
    }

    @Test
    void reportsEveryProblemOfDeclaredFlows() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("a.yaml", """
                version: 1
                flows:
                  - name: pay
                    steps:
                      - operation: POST /orders
                        extract: {orderId: {from: body, regex: "("}}
                      - operation: POST /orders/pay
                        body: {order: "${unknown}"}
                """);
        sources.put("b.yaml", """
                version: 1
                flows:
                  - name: pay
                    steps: [{operation: POST /a}, {operation: "POST /a/{id}/b"}]
                  - name: short
                    steps: [{operation: POST /a}]
                """);
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> loader.parse(sources));
        assertThat(e.problems())
                .anyMatch(p -> p.startsWith("a.yaml: $.flows[0] (pay).steps[0].extract.orderId.regex: invalid"))
                .anyMatch(p -> p.contains("steps[1].body: ${unknown} is not extracted by an earlier step"))
                .anyMatch(p -> p.contains("steps[1].operation: a later step needs a path parameter"))
                .anyMatch(p -> p.startsWith("b.yaml: $.flows[1].steps") && p.contains("at least 2 items"))
                .hasSize(4);
    }

    @Test
    void readsWhoTakesAStepAndRefusesACheckerForTheCreatingStep() {
        Catalog catalog = loader.parse(Map.of("flows.yaml", """
                version: 1
                flows:
                  - name: approval
                    steps:
                      - operation: POST /orders
                        body: {walletId: "${own.walletId}"}
                      - operation: POST /orders/{orderId}/approve
                        as: higher
                """));
        assertThat(catalog.flows().getFirst().steps())
                .extracting(BusinessFlow.Step::actor)
                .containsExactly(BusinessFlow.Actor.CREATOR, BusinessFlow.Actor.HIGHER);
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> loader.parse(Map.of("bad.yaml", """
                version: 1
                flows:
                  - name: approval
                    steps:
                      - {operation: POST /orders, as: other}
                      - {operation: "POST /orders/{orderId}/approve", as: higher}
                """)));
        assertThat(e.problems()).anyMatch(p -> p.contains("steps[0].as: the first step creates the object"));
        CatalogException unknown =
                catchThrowableOfType(CatalogException.class, () -> loader.parse(Map.of("boss.yaml", """
                version: 1
                flows:
                  - name: approval
                    steps:
                      - {operation: POST /orders}
                      - {operation: "POST /orders/{orderId}/approve", as: boss}
                """)));
        assertThat(unknown.problems()).anyMatch(p -> p.contains("steps[1].as"));
    }
}
