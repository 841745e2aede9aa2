package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.ShopApi;
import dev.vigil.scan.ShopApi.Flaw;
import dev.vigil.scan.ShopApi.Variant;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Business flows (API6: skipped steps, replayed steps) and references to foreign objects in bodies (API1). */
class BusinessFlowTest {
    private static final List<String> TESTS =
            List.of("business-flow-step-skipped", "business-flow-replay", "bola-reference");

    private static EngineResult scan(ShopApi api, boolean readableOrders, Map<String, String> userCatalogs)
            throws InterruptedException {
        Target target =
                new TargetLoader(Map.of()).build(api.baseUrl(), List.of(), Optional.of(ShopApi.spec(readableOrders)));
        String host = api.baseUrl().getHost() + ":" + api.baseUrl().getPort();
        ScanPolicy policy = new ScanPolicy(Set.of(host), true, 3000, 0, 2, false, Duration.ofMillis(200));
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("builtin.yaml", CatalogLoader.builtinText());
        sources.putAll(userCatalogs);
        Catalog catalog = new CatalogLoader().parse(sources);
        return new ScanEngine(
                        new JdkTransport(
                                JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                Clock.systemUTC(),
                                Duration.ofSeconds(5)),
                        Clock.systemUTC(),
                        d -> {})
                .run(
                        target,
                        new IdentitiesLoader(Map.of()).parse(ShopApi.IDENTITIES, "ids.yaml"),
                        new Catalog(catalog.only(TESTS).tests(), catalog.flows()),
                        policy,
                        Optional.empty());
    }

    private static EngineResult scan(Set<Flaw> flaws, Set<Variant> variants) throws Exception {
        try (ShopApi api = new ShopApi(flaws, variants)) {
            return scan(api, true, Map.of());
        }
    }

    private static List<String> found(EngineResult r) {
        return r.findings().stream()
                .map(f -> f.testId() + " " + f.operation())
                .sorted()
                .toList();
    }

    @Test
    void flagsShippingAnUnpaidOrderInAnInferredFlow() throws Exception {
        EngineResult r = scan(EnumSet.of(Flaw.SHIP_UNPAID), Set.of());
        assertThat(found(r)).containsExactly("business-flow-step-skipped POST /orders/{orderId}/ship");
        Finding f = r.findings().getFirst();
        assertThat(f.detail()).contains("without POST /orders/{orderId}/pay", "inferred", "shipped");
        assertThat(f.owasp()).isEqualTo("API6:2023");
    }

    @Test
    void flagsAPaymentThatDebitsTheWalletTwice() throws Exception {
        EngineResult r = scan(EnumSet.of(Flaw.PAY_TWICE), Set.of());
        assertThat(found(r)).containsExactly("business-flow-replay POST /orders/{orderId}/pay");
        assertThat(r.findings().getFirst().detail())
                .contains("had effect twice")
                .containsPattern("/wallets/\\{walletId} balance (\\d+) → (\\d+) → (\\d+)");
    }

    @Test
    void flagsAnOrderThatReservesMoneyOnAnotherIdentitysWallet() throws Exception {
        EngineResult r = scan(EnumSet.of(Flaw.FOREIGN_WALLET), Set.of());
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.testId()).isEqualTo("bola-reference");
            assertThat(f.operation()).isEqualTo("POST /orders");
            assertThat(f.location()).isEqualTo("body:walletId");
            assertThat(f.detail()).contains("reserved");
        });
    }

    @Test
    void staysQuietOnTheSafeShopWithIdempotentPaymentsAndIgnoredForeignWallets() throws Exception {
        assertThat(scan(Set.of(), Set.of()))
                .satisfies(r -> assertThat(r.findings()).isEmpty());
        assertThat(scan(Set.of(), EnumSet.allOf(Variant.class)).findings()).isEmpty();
    }

    @Test
    void findsEveryFlawWhenAllArePlanted() throws Exception {
        assertThat(found(scan(EnumSet.allOf(Flaw.class), Set.of())))
                .containsExactly(
                        "bola-reference POST /orders",
                        "business-flow-replay POST /orders/{orderId}/pay",
                        "business-flow-step-skipped POST /orders/{orderId}/ship");
    }

    private static final String DECLARED = """
            version: 1
            flows:
              - name: checkout
                steps:
                  - operation: POST /orders
                    extract:
                      orderId: {from: body, pointer: /id}
                  - operation: POST /orders/{orderId}/pay
                  - operation: POST /orders/{orderId}/ship
            """;

    @Test
    void testsADeclaredFlowWhenNothingCanBeInferred() throws Exception {
        try (ShopApi api = new ShopApi(EnumSet.of(Flaw.SHIP_UNPAID, Flaw.PAY_TWICE), Set.of())) {
            // without GET /orders/{orderId} no flow is inferred, and the order's state is not readable
            assertThat(scan(api, false, Map.of()).findings()).isEmpty();
        }
        try (ShopApi api = new ShopApi(EnumSet.of(Flaw.SHIP_UNPAID, Flaw.PAY_TWICE), Set.of())) {
            EngineResult r = scan(api, false, Map.of("flows.yaml", DECLARED));
            // the wallet the order names shows the double debit; an unpaid shipment changes nothing readable
            assertThat(found(r)).containsExactly("business-flow-replay POST /orders/{orderId}/pay");
            assertThat(r.findings().getFirst().location()).isEqualTo("flow:checkout");
        }
    }

    @Test
    void reportsADeclaredFlowNamingAnUnknownOperation() throws Exception {
        try (ShopApi api = new ShopApi(Set.of(), Set.of())) {
            EngineResult r = scan(
                    api,
                    true,
                    Map.of(
                            "flows.yaml",
                            DECLARED.replace("POST /orders/{orderId}/ship", "POST /orders/{orderId}/refund")));
            assertThat(r.warnings()).anyMatch(w -> w.contains("flow checkout") && w.contains("refund"));
        }
    }

    @Test
    void chainsOpenApiLinksBetweenStateChangingOperationsIntoAFlowWithAKnownOrder() {
        String spec = """
                openapi: 3.0.3
                info: {title: links, version: "1"}
                paths:
                  /orders:
                    post:
                      operationId: createOrder
                      responses:
                        "201":
                          description: created
                          links:
                            pay: {operationId: payOrder, parameters: {orderId: "$response.body#/id"}}
                  /orders/{orderId}:
                    get:
                      operationId: getOrder
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                  /orders/{orderId}/pay:
                    post:
                      operationId: payOrder
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      responses:
                        "200":
                          description: ok
                          links:
                            ship: {operationId: shipOrder, parameters: {orderId: "$request.path.orderId"}}
                  /orders/{orderId}/ship:
                    post:
                      operationId: shipOrder
                      parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                """;
        Target target = new TargetLoader(Map.of())
                .build(java.net.URI.create("http://127.0.0.1:1"), List.of(), Optional.of(spec));
        List<String> warnings = new java.util.ArrayList<>();
        List<FlowPlan> flows = FlowPlan.of(target, List.of(), warnings);
        assertThat(flows.getFirst()).satisfies(f -> {
            assertThat(f.orderKnown()).isTrue();
            assertThat(f.steps())
                    .extracting(s -> s.op().key())
                    .containsExactly("POST /orders", "POST /orders/{orderId}/pay", "POST /orders/{orderId}/ship");
            assertThat(f.steps().getFirst().extract())
                    .containsEntry("orderId", new dev.vigil.scan.catalog.BusinessFlow.Extract("body", "/id", ""));
        });
        // inferred ones follow, with an order the API must confirm
        assertThat(flows)
                .filteredOn(f -> !f.orderKnown())
                .extracting(FlowPlan::name)
                .contains(
                        "POST /orders → POST /orders/{orderId}/ship",
                        "POST /orders → POST /orders/{orderId}/pay → POST /orders/{orderId}/ship");
        assertThat(warnings).isEmpty();
    }
}
