package dev.vigil.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One visit of a bank customer: sign in, read profile, accounts, transactions and cards, move
 * money (sometimes in a foreign currency), search, use the old v1 API, and now and then do
 * something refused (wrong password, another customer's account, an admin page).
 */
final class CustomerJourney {

    private static final List<String> CUSTOMERS = List.of(
            DemoCredentials.NORTHWIND_CUSTOMER_1,
            DemoCredentials.NORTHWIND_CUSTOMER_2,
            DemoCredentials.HARBOR_CUSTOMER_1,
            DemoCredentials.HARBOR_CUSTOMER_2);

    private final GeneratorClient client;
    private final GeneratorState state;
    private final Clock clock;

    CustomerJourney(GeneratorClient client, GeneratorState state, Clock clock) {
        this.client = client;
        this.state = state;
        this.clock = clock;
    }

    static List<String> customers() {
        return CUSTOMERS;
    }

    void visit(GeneratorState.Session s) throws InterruptedException {
        if (state.sometimes(s, 0.1)) {
            client.json(
                    "POST /api/v2/auth/login",
                    "POST",
                    "/api/v2/auth/login",
                    credentials(s.username, "wrong-" + s.visits));
        }
        Logins.ensureSignedIn(client, state, s);
        String[] auth = s.bearer();
        client.get("GET /api/v2/users/me", "/api/v2/users/me", auth);
        GeneratorClient.Reply accounts = client.get("GET /api/v2/accounts", "/api/v2/accounts", auth);
        s.accountIds.clear();
        s.ibans.clear();
        for (JsonNode a : accounts.json().path("items")) {
            s.accountIds.add(a.path("id").asText());
            s.ibans.add(a.path("iban").asText());
        }
        if (s.accountIds.isEmpty()) {
            return;
        }
        String account = s.accountIds.getFirst();
        if (state.sometimes(s, 0.15)) {
            // a visit of its own, so that one session's requests stay within the secure mode's rate limit
            payment(s, auth, account);
            return;
        }
        client.get("GET /api/v2/accounts/{accountId}", "/api/v2/accounts/" + account, auth);
        GeneratorClient.Reply txs = client.get(
                "GET /api/v2/accounts/{accountId}/transactions",
                "/api/v2/accounts/" + account + "/transactions?limit=" + (10 + state.random.nextInt(20)),
                auth);
        s.transactionIds.clear();
        txs.json().path("items").forEach(t -> s.transactionIds.add(t.path("id").asLong()));
        if (!s.transactionIds.isEmpty()) {
            client.get(
                    "GET /api/v2/accounts/{accountId}/transactions/{transactionId}",
                    "/api/v2/accounts/" + account + "/transactions/" + state.pick(s.transactionIds),
                    auth);
        }
        if (state.sometimes(s, 0.5)) {
            cards(s, auth);
        }
        if (state.sometimes(s, 0.5)) {
            transfer(s, auth, account, null);
        }
        if (state.sometimes(s, 0.3)) {
            transfer(s, auth, account, state.pick(List.of("USD", "CHF", "GBP", "EUR")));
        }
        if (state.sometimes(s, 0.4)) {
            search(auth);
        }
        if (state.sometimes(s, 0.2)) {
            updateProfile(s, auth);
        }
        // an old app version lingers on every customer's phone: each calls the retired v1 API at least
        // once, so that the zombie API shows in every demo run, not only in lucky ones
        boolean legacyVisit = state.sometimes(s, 0.3); // drawn every time: the random sequence stays as it was
        if (legacyVisit || !s.calledLegacyApi) {
            s.calledLegacyApi = true;
            client.get("GET /api/v1/accounts/{accountId}", "/api/v1/accounts/" + account, auth);
            client.get("GET /api/v1/users/{userId}", "/api/v1/users/" + s.userId, auth);
        }
        if (state.sometimes(s, 0.15)) {
            openAccount(s, auth);
        }
        if (state.sometimes(s, 0.2)) {
            trespass(s, auth);
        }
    }

    /** A payment order through its steps (sometimes left unconfirmed), then the account's orders. */
    private void payment(GeneratorState.Session s, String[] auth, String account) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", account);
        body.put("toIban", Iban.random(state.pick(List.of("DE", "GB", "CH")), state.random));
        body.put("amount", BigDecimal.valueOf(100 + state.random.nextInt(2_000)).movePointLeft(2));
        body.put("reference", "Order " + (10_000 + state.random.nextInt(90_000)));
        GeneratorClient.Reply ordered = client.json("POST /api/v2/payments", "POST", "/api/v2/payments", body, auth);
        String id = ordered.json().path("id").asText("");
        if (!id.isEmpty()) {
            String path = "/api/v2/payments/" + id;
            client.get("GET /api/v2/payments/{paymentId}", path, auth);
            if (state.sometimes(s, 0.8)) {
                client.post("POST /api/v2/payments/{paymentId}/confirm", path + "/confirm", auth);
                client.post("POST /api/v2/payments/{paymentId}/execute", path + "/execute", auth);
            }
        }
        client.get("GET /api/v2/accounts/{accountId}/payments", "/api/v2/accounts/" + account + "/payments", auth);
    }

    private void cards(GeneratorState.Session s, String[] auth) throws InterruptedException {
        GeneratorClient.Reply cards = client.get("GET /api/v2/cards", "/api/v2/cards", auth);
        s.cardIds.clear();
        cards.json().path("items").forEach(c -> s.cardIds.add(c.path("id").asText()));
        if (!s.cardIds.isEmpty()) {
            client.get("GET /api/v2/cards/{cardId}", "/api/v2/cards/" + state.pick(s.cardIds), auth);
        }
    }

    private void transfer(GeneratorState.Session s, String[] auth, String account, String currency)
            throws InterruptedException {
        GeneratorState.Session payee = state.otherCustomer(s, CUSTOMERS);
        String toIban = payee != null && state.random.nextBoolean()
                ? state.pick(payee.ibans)
                : Iban.random(state.pick(List.of("DE", "GB", "CH")), state.random);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", account);
        body.put("toIban", toIban);
        body.put("amount", BigDecimal.valueOf(500 + state.random.nextInt(4_500)).movePointLeft(2));
        if (currency != null) {
            body.put("currency", currency);
        }
        body.put("beneficiaryName", payee != null ? "Friend " + payee.username : "Utility Services Ltd");
        body.put("reference", "Invoice " + (10_000 + state.random.nextInt(90_000)));
        client.json("POST /api/v2/transfers", "POST", "/api/v2/transfers", body, auth);
    }

    private void search(String[] auth) throws InterruptedException {
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        String q = state.pick(List.of("rewe", "spotify", "groceries", "travel", "cafe"));
        client.get(
                "GET /api/v2/transactions/search",
                "/api/v2/transactions/search?q=" + q + "&from=" + today.minusDays(30 + state.random.nextInt(90))
                        + "&to=" + today + "&limit=" + (5 + state.random.nextInt(20)),
                auth);
    }

    private void updateProfile(GeneratorState.Session s, String[] auth) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", "+4917" + (10_000_000 + state.random.nextInt(89_999_999)));
        if (state.random.nextBoolean()) {
            // A customer trying to make themselves admin: the API must ignore the field.
            body.put("roles", List.of("admin"));
        }
        client.json("PATCH /api/v2/users/{userId}", "PATCH", "/api/v2/users/" + s.userId, body, auth);
    }

    private void openAccount(GeneratorState.Session s, String[] auth) throws InterruptedException {
        GeneratorClient.Reply opened = client.json(
                "POST /api/v2/accounts",
                "POST",
                "/api/v2/accounts",
                Map.of("type", "savings", "nickname", "Holiday fund"),
                auth);
        // Only the Northwind admin persona closes accounts, so only Northwind's are queued for it.
        if (opened.ok() && "northwind".equals(s.tenantId)) {
            state.openedAccountIds.add(opened.json().path("id").asText());
        }
    }

    /** Refused on purpose: another customer's account and user, and an admin page. */
    private void trespass(GeneratorState.Session s, String[] auth) throws InterruptedException {
        GeneratorState.Session other = state.otherCustomer(s, CUSTOMERS);
        if (other != null) {
            client.get("GET /api/v2/accounts/{accountId}", "/api/v2/accounts/" + state.pick(other.accountIds), auth);
            client.get("GET /api/v2/users/{userId}", "/api/v2/users/" + other.userId, auth);
        }
        client.get("GET /api/v2/admin/users", "/api/v2/admin/users", auth);
    }

    static Map<String, String> credentials(String username, String password) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        return body;
    }
}
