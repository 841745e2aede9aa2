package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.traffic.Exchange;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoApiAuthorizationTest {

    static DemoApi api;
    static TestHttp http;
    static String alice;
    static String bruno;
    static String chloe;
    static String support;
    static String admin;

    @BeforeAll
    static void start() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
        api = DemoApi.start(DemoConfig.defaults().withClock(clock));
        http = new TestHttp(api);
        alice = http.token(DemoCredentials.NORTHWIND_CUSTOMER_1);
        bruno = http.token(DemoCredentials.NORTHWIND_CUSTOMER_2);
        chloe = http.token(DemoCredentials.HARBOR_CUSTOMER_1);
        support = http.token(DemoCredentials.NORTHWIND_SUPPORT);
        admin = http.token(DemoCredentials.NORTHWIND_ADMIN);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static User user(String username) {
        return api.bank().userByUsername(username).orElseThrow();
    }

    static Account firstAccount(String username) {
        return api.bank().accountsOf(user(username).id()).getFirst();
    }

    @Test
    void customerReadsOwnAccountButNotAnotherCustomersOfTheSameOrAnotherBank() {
        Account own = firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_1);
        Account neighbour = firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_2);
        Account foreign = firstAccount(DemoCredentials.HARBOR_CUSTOMER_1);

        HttpResponse<String> mine = http.get("/api/v2/accounts/" + own.id(), alice);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(mine).path("iban").asText()).isEqualTo(own.iban());
        assertThat(http.get("/api/v2/accounts/" + neighbour.id(), alice).statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/v2/accounts/" + foreign.id(), alice).statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/v2/accounts/" + neighbour.id() + "/transactions", alice)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void transactionIsOnlyReadableThroughTheAccountItBelongsTo() {
        Account own = firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_1);
        Account other = firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_2);
        long ownTx = api.bank().transactionsOf(own.id()).getFirst().id();
        long otherTx = api.bank().transactionsOf(other.id()).getFirst().id();

        assertThat(http.get("/api/v2/accounts/" + own.id() + "/transactions/" + ownTx, alice)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/api/v2/accounts/" + own.id() + "/transactions/" + otherTx, alice)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void cardWithFullNumberIsReadableByItsHolderOnly() {
        Card card = api.bank()
                .cardsOf(user(DemoCredentials.NORTHWIND_CUSTOMER_1).id())
                .getFirst();

        HttpResponse<String> holder = http.get("/api/v2/cards/" + card.id(), alice);
        assertThat(holder.statusCode()).isEqualTo(200);
        assertThat(CardNumber.passesLuhn(TestHttp.json(holder).path("pan").asText()))
                .isTrue();
        assertThat(holder.body()).doesNotContainIgnoringCase("cvv");
        assertThat(http.get("/api/v2/cards/" + card.id(), bruno).statusCode()).isEqualTo(404);
    }

    @Test
    void nonAdminsGetForbiddenOnAdminEndpointsWhileTheAdminSucceeds() {
        Account target = firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_2);
        UUID someone = user(DemoCredentials.NORTHWIND_CUSTOMER_2).id();
        for (String token : new String[] {alice, support}) {
            assertThat(http.get("/api/v2/admin/users", token).statusCode()).isEqualTo(403);
            assertThat(http.send(
                                    "POST",
                                    "/api/v2/admin/users/" + someone + "/lock",
                                    null,
                                    "Authorization",
                                    "Bearer " + token)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(http.send(
                                    "DELETE",
                                    "/api/v2/admin/accounts/" + target.id(),
                                    null,
                                    "Authorization",
                                    "Bearer " + token)
                            .statusCode())
                    .isEqualTo(403);
        }
        HttpResponse<String> users = http.get("/api/v2/admin/users", admin);
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(users).path("items").findValuesAsText("tenantId"))
                .containsOnly("northwind");
        assertThat(api.bank().account(target.id())).isPresent();
    }

    @Test
    void adminLocksAUserWhoCanThenNoLongerSignIn() {
        User victim = api.bank().usersOfTenant("northwind").stream()
                .filter(u -> u.has(Role.CUSTOMER) && !u.username().contains(".northwind"))
                .findFirst()
                .orElseThrow();
        String lock = "/api/v2/admin/users/" + victim.id() + "/lock";
        String login = "{\"username\":\"" + victim.username() + "\",\"password\":\"" + DemoCredentials.PASSWORD + "\"}";

        assertThat(http.send("POST", lock, "{\"locked\":true}", "Authorization", "Bearer " + admin)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.send("POST", "/api/v2/auth/login", login).statusCode()).isEqualTo(403);
        assertThat(http.send("POST", lock, "{\"locked\":false}", "Authorization", "Bearer " + admin)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.send("POST", "/api/v2/auth/login", login).statusCode()).isEqualTo(200);
    }

    @Test
    void userProfileIsReadableBySelfAndSameTenantStaffOnly() {
        UUID bob = user(DemoCredentials.NORTHWIND_CUSTOMER_2).id();

        assertThat(http.get("/api/v2/users/" + bob, bruno).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v2/users/" + bob, support).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v2/users/" + bob, alice).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v2/users/" + bob, chloe).statusCode()).isEqualTo(404);
    }

    @Test
    void roleFieldInProfileUpdateIsIgnoredForCustomersButAppliedForAdmins() {
        UUID self = user(DemoCredentials.HARBOR_CUSTOMER_2).id();
        String dario = http.token(DemoCredentials.HARBOR_CUSTOMER_2);
        HttpResponse<String> escalation = http.send(
                "PATCH",
                "/api/v2/users/" + self,
                "{\"phone\":\"+447700900123\",\"roles\":[\"admin\"],\"role\":\"admin\"}",
                "Authorization",
                "Bearer " + dario);

        assertThat(escalation.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(escalation).path("phone").asText()).isEqualTo("+447700900123");
        assertThat(user(DemoCredentials.HARBOR_CUSTOMER_2).roles()).containsExactly(Role.CUSTOMER);

        String hugo = http.token(DemoCredentials.HARBOR_ADMIN);
        UUID chloeId = user(DemoCredentials.HARBOR_CUSTOMER_1).id();
        HttpResponse<String> promotion = http.send(
                "PATCH",
                "/api/v2/users/" + chloeId,
                "{\"roles\":[\"customer\",\"support\"]}",
                "Authorization",
                "Bearer " + hugo);
        assertThat(promotion.statusCode()).isEqualTo(200);
        assertThat(user(DemoCredentials.HARBOR_CUSTOMER_1).roles())
                .containsExactlyInAnyOrder(Role.CUSTOMER, Role.SUPPORT);
    }

    @Test
    void supportTicketsAreForStaffOfTheTenant() {
        HttpResponse<String> list = http.get("/api/v2/support/tickets", support);
        assertThat(list.statusCode()).isEqualTo(200);
        String slug = TestHttp.json(list).path("items").get(0).path("id").asText();
        assertThat(slug).matches("[a-z-]+-\\d+");
        assertThat(http.get("/api/v2/support/tickets/" + slug, support).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/api/v2/support/tickets/" + slug, alice).statusCode())
                .isEqualTo(403);
    }

    @Test
    void partnerEndpointsRequireAValidApiKey() {
        String payment = "{\"debtorIban\":\""
                + firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_1).iban()
                + "\",\"creditorIban\":\"DE89370400440532013000\",\"creditorName\":\"Shop\",\"amount\":12.5,\"currency\":\"EUR\"}";

        assertThat(http.send("GET", "/api/partner/v1/rates", null).statusCode()).isEqualTo(401);
        assertThat(http.send("GET", "/api/partner/v1/rates", null, "X-API-Key", "pk_wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.send("POST", "/api/partner/v1/payments", payment).statusCode())
                .isEqualTo(401);
        assertThat(http.send("GET", "/api/partner/v1/rates", null, "Authorization", "Bearer " + alice)
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> rates =
                http.send("GET", "/api/partner/v1/rates", null, "X-API-Key", DemoCredentials.PARTNER_API_KEY);
        assertThat(rates.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(rates).path("rates").has("USD")).isTrue();
        assertThat(http.send("POST", "/api/partner/v1/payments", payment, "X-API-Key", DemoCredentials.PARTNER_API_KEY)
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void errorsAreProblemJsonListingEveryViolation() {
        HttpResponse<String> invalid = http.send(
                "POST",
                "/api/v2/transfers",
                "{\"fromAccountId\":\"nope\",\"toIban\":\"DE00123\",\"amount\":-5}",
                "Authorization",
                "Bearer " + alice);
        HttpResponse<String> unknownRoute = http.get("/api/v2/nothing-here", alice);
        HttpResponse<String> noToken = http.send("GET", "/api/v2/accounts", null);

        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode problem = TestHttp.json(invalid);
        assertThat(problem.path("type").asText()).endsWith("/invalid-request");
        assertThat(problem.path("violations")).hasSize(3);
        for (HttpResponse<String> r : List.of(invalid, unknownRoute, noToken)) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(TestHttp.json(r).path("status").asInt()).isEqualTo(r.statusCode());
        }
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    @Test
    void v1AnswersWithDeprecationAndSunsetHeadersBesideV2() {
        Account own = firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_1);
        HttpResponse<String> v1 = http.get("/api/v1/accounts/" + own.id(), alice);
        HttpResponse<String> v2 = http.get("/api/v2/accounts/" + own.id(), alice);

        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(v1.headers().firstValue("Deprecation")).hasValue("@1767225600");
        assertThat(v1.headers().firstValue("Sunset")).isPresent();
        assertThat(TestHttp.json(v1).path("account_id").asText())
                .isEqualTo(own.id().toString());
        assertThat(v2.headers().firstValue("Deprecation")).isEmpty();
        assertThat(http.get(
                                "/api/v1/accounts/"
                                        + firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_2)
                                                .id(),
                                alice)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void foreignCurrencyTransferCallsTheRateProviderAndReportsTheOutboundExchange() {
        Account own = firstAccount(DemoCredentials.NORTHWIND_CUSTOMER_1);
        var captured = new CopyOnWriteArrayList<Exchange>();
        api.addOutboundListener(captured::add);
        String body = "{\"fromAccountId\":\"" + own.id() + "\",\"toIban\":\"GB29NWBK60161331926819\",\"amount\":10,"
                + "\"currency\":\"%s\"}";

        HttpResponse<String> domestic =
                http.send("POST", "/api/v2/transfers", body.formatted("EUR"), "Authorization", "Bearer " + alice);
        int afterDomestic = captured.size();
        HttpResponse<String> foreign =
                http.send("POST", "/api/v2/transfers", body.formatted("USD"), "Authorization", "Bearer " + alice);

        assertThat(domestic.statusCode()).isEqualTo(201);
        assertThat(afterDomestic).isZero();
        assertThat(foreign.statusCode()).isEqualTo(201);
        assertThat(TestHttp.json(foreign).path("exchangeRate").decimalValue()).isPositive();
        assertThat(captured).hasSize(1);
        var outbound = captured.getFirst();
        assertThat(outbound.source()).isEqualTo("outbound:demo-api");
        assertThat(outbound.request().host()).isEqualTo(FxRatesServer.ADDRESS);
        assertThat(outbound.request().port()).isEqualTo(api.thirdPartyPort());
        assertThat(outbound.request().query()).contains("base=USD");
        assertThat(outbound.response().orElseThrow().status()).isEqualTo(200);
    }

    @Test
    void searchRefusesPagesAboveTheMaximumAndInvalidDatesButServesTheMaximum() {
        HttpResponse<String> tooBig = http.get("/api/v2/transactions/search?q=a&limit=1000&from=yesterday", alice);
        HttpResponse<String> largest = http.get("/api/v2/transactions/search?limit=100", alice);

        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(tooBig).path("violations")).hasSize(2);
        assertThat(largest.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(largest).path("items").findValuesAsText("accountId"))
                .isNotEmpty()
                .allMatch(id -> api.bank()
                        .account(UUID.fromString(id))
                        .orElseThrow()
                        .ownerId()
                        .equals(user(DemoCredentials.NORTHWIND_CUSTOMER_1).id()));
    }

    @Test
    void profileUpdateRejectsAnInvalidEmailAndPhoneTogether() {
        UUID self = user(DemoCredentials.NORTHWIND_CUSTOMER_2).id();
        HttpResponse<String> r = http.send(
                "PATCH",
                "/api/v2/users/" + self,
                "{\"email\":\"not-an-email\",\"phone\":\"12\"}",
                "Authorization",
                "Bearer " + bruno);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(r).path("violations")).hasSize(2);
        assertThat(user(DemoCredentials.NORTHWIND_CUSTOMER_2).profile().email()).contains("@");
    }
}
