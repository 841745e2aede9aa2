package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Payment orders and the audit log: each planted flaw in vulnerable mode, and its secure twin. */
class PaymentFlowTest {

    private record Bank(DemoApi api, TestHttp http) implements AutoCloseable {
        static Bank start(DemoMode mode) {
            DemoApi api = DemoApi.start(DemoConfig.defaults()
                    .withMode(mode)
                    .withClock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)));
            return new Bank(api, new TestHttp(api));
        }

        Account account(String username) {
            return api.bank()
                    .accountsOf(
                            api.bank().userByUsername(username).orElseThrow().id())
                    .getFirst();
        }

        HttpResponse<String> post(String path, String body, String token) {
            return http.send("POST", path, body, "Authorization", "Bearer " + token);
        }

        String order(Account from, String token) {
            HttpResponse<String> r = post(
                    "/api/v2/payments",
                    "{\"fromAccountId\":\"" + from.id() + "\",\"toIban\":\"DE89370400440532013000\",\"amount\":10}",
                    token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            return TestHttp.json(r).path("id").asText();
        }

        BigDecimal balance(Account a) {
            return api.bank().account(a.id()).orElseThrow().balance();
        }

        @Override
        public void close() {
            api.close();
        }
    }

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void executesAConfirmedPaymentOnceAndOnlyTheVulnerableModeSkipsOrRepeatsSteps(DemoMode mode) {
        boolean vulnerable = mode == DemoMode.VULNERABLE;
        try (Bank bank = Bank.start(mode)) {
            String alice = bank.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1);
            Account account = bank.account(DemoCredentials.NORTHWIND_CUSTOMER_1);
            BigDecimal start = bank.balance(account);

            String paid = bank.order(account, alice);
            assertThat(bank.post("/api/v2/payments/" + paid + "/confirm", null, alice)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(bank.post("/api/v2/payments/" + paid + "/confirm", null, alice)
                            .statusCode())
                    .isEqualTo(409);
            assertThat(bank.post("/api/v2/payments/" + paid + "/execute", null, alice)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(bank.balance(account)).isEqualByComparingTo(start.subtract(BigDecimal.TEN));
            assertThat(bank.post("/api/v2/payments/" + paid + "/execute", null, alice)
                            .statusCode())
                    .isEqualTo(vulnerable ? 200 : 409);
            BigDecimal afterReplay = bank.balance(account);
            assertThat(afterReplay).isEqualByComparingTo(start.subtract(BigDecimal.valueOf(vulnerable ? 20 : 10)));

            String unconfirmed = bank.order(account, alice);
            assertThat(bank.post("/api/v2/payments/" + unconfirmed + "/execute", null, alice)
                            .statusCode())
                    .isEqualTo(vulnerable ? 200 : 409);
            assertThat(bank.balance(account))
                    .isEqualByComparingTo(vulnerable ? afterReplay.subtract(BigDecimal.TEN) : afterReplay);
        }
    }

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void onlyTheOwnerOrdersPaymentsFromAnAccountAndListsThem(DemoMode mode) {
        boolean vulnerable = mode == DemoMode.VULNERABLE;
        try (Bank bank = Bank.start(mode)) {
            String bruno = bank.http().token(DemoCredentials.NORTHWIND_CUSTOMER_2);
            String chloe = bank.http().token(DemoCredentials.HARBOR_CUSTOMER_1);
            Account alices = bank.account(DemoCredentials.NORTHWIND_CUSTOMER_1);
            String body =
                    "{\"fromAccountId\":\"" + alices.id() + "\",\"toIban\":\"DE89370400440532013000\",\"amount\":10}";

            assertThat(bank.post("/api/v2/payments", body, bruno).statusCode()).isEqualTo(vulnerable ? 201 : 404);
            // another bank's customer never orders from it
            assertThat(bank.post("/api/v2/payments", body, chloe).statusCode()).isEqualTo(404);
            HttpResponse<String> list = bank.http().get("/api/v2/accounts/" + alices.id() + "/payments", bruno);
            assertThat(list.statusCode()).isEqualTo(vulnerable ? 200 : 404);
        }
    }

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void theAuditLogIsForAdminsAndOnlyTheVulnerableModeOpensItToSupport(DemoMode mode) {
        boolean vulnerable = mode == DemoMode.VULNERABLE;
        try (Bank bank = Bank.start(mode)) {
            String admin = bank.http().token(DemoCredentials.NORTHWIND_ADMIN);
            String support = bank.http().token(DemoCredentials.NORTHWIND_SUPPORT);
            String alice = bank.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1);

            HttpResponse<String> events = bank.http().get("/api/v2/admin/audit-events", admin);
            assertThat(events.statusCode()).isEqualTo(200);
            String id = TestHttp.json(events).path("items").get(0).path("id").asText();
            assertThat(bank.http().get("/api/v2/admin/audit-events", alice).statusCode())
                    .isEqualTo(403);
            assertThat(bank.http()
                            .get("/api/v2/admin/audit-events/" + id, support)
                            .statusCode())
                    .isEqualTo(vulnerable ? 200 : 403);
            assertThat(bank.http()
                            .send(
                                    "DELETE",
                                    "/api/v2/admin/audit-events/" + id,
                                    null,
                                    "Authorization",
                                    "Bearer " + support)
                            .statusCode())
                    .isEqualTo(vulnerable ? 204 : 403);
        }
    }

    @ParameterizedTest
    @EnumSource(DemoMode.class)
    void aLargePaymentNeedsASecondPersonsApprovalAndOnlyTheVulnerableModeLetsTheOrdererApprove(DemoMode mode) {
        boolean vulnerable = mode == DemoMode.VULNERABLE;
        try (Bank bank = Bank.start(mode)) {
            String alice = bank.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1);
            String bruno = bank.http().token(DemoCredentials.NORTHWIND_CUSTOMER_2);
            String sam = bank.http().token(DemoCredentials.NORTHWIND_SUPPORT);
            String chloe = bank.http().token(DemoCredentials.HARBOR_CUSTOMER_1);
            Account account = bank.account(DemoCredentials.NORTHWIND_CUSTOMER_1);
            String large = "{\"fromAccountId\":\"" + account.id()
                    + "\",\"toIban\":\"DE89370400440532013000\",\"amount\":20000}";

            String small = bank.order(account, alice);
            assertThat(TestHttp.json(bank.post("/api/v2/payments/" + small + "/confirm", "", alice))
                            .path("status")
                            .asText())
                    .isEqualTo("confirmed");

            String first = TestHttp.json(bank.post("/api/v2/payments", large, alice))
                    .path("id")
                    .asText();
            assertThat(TestHttp.json(bank.post("/api/v2/payments/" + first + "/confirm", "", alice))
                            .path("status")
                            .asText())
                    .isEqualTo("awaiting_approval");
            assertThat(bank.post("/api/v2/payments/" + first + "/execute", "", alice)
                            .statusCode())
                    .isEqualTo(409);
            assertThat(bank.post("/api/v2/payments/" + first + "/approve", "", bruno)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(bank.post("/api/v2/payments/" + first + "/approve", "", chloe)
                            .statusCode())
                    .isEqualTo(404);
            HttpResponse<String> bySam = bank.post("/api/v2/payments/" + first + "/approve", "", sam);
            assertThat(bySam.statusCode()).isEqualTo(200);
            assertThat(TestHttp.json(bySam).path("status").asText()).isEqualTo("confirmed");

            String second = TestHttp.json(bank.post("/api/v2/payments", large, alice))
                    .path("id")
                    .asText();
            bank.post("/api/v2/payments/" + second + "/confirm", "", alice);
            assertThat(bank.post("/api/v2/payments/" + second + "/approve", "", alice)
                            .statusCode())
                    .isEqualTo(vulnerable ? 200 : 403);
        }
    }
}
