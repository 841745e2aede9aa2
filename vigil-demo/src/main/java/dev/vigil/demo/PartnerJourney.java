package dev.vigil.demo;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Visits of the partner: a client-credentials token, exchange rates by API key and by token, a
 * payment initiation, and now and then a call that forgets its credentials.
 */
final class PartnerJourney {

    private final GeneratorClient client;
    private final GeneratorState state;
    private int visits;

    PartnerJourney(GeneratorClient client, GeneratorState state) {
        this.client = client;
        this.state = state;
    }

    void visit() throws InterruptedException {
        visits++;
        boolean first = visits == 1;
        String[] apiKey = {RequestAuth.API_KEY_HEADER, DemoCredentials.PARTNER_API_KEY};
        String base = state.pick(List.of("EUR", "EUR", "GBP", "CHF"));
        client.get("GET /api/partner/v1/rates", "/api/partner/v1/rates?base=" + base, apiKey);
        if (first || state.random.nextDouble() < 0.3) {
            String form = "grant_type=client_credentials&client_id=" + encode(DemoCredentials.PARTNER_CLIENT_ID)
                    + "&client_secret=" + encode(DemoCredentials.PARTNER_CLIENT_SECRET) + "&scope=rates%3Aread";
            GeneratorClient.Reply token = client.form("POST /oauth/token", "/oauth/token", form);
            if (token.ok()) {
                client.get(
                        "GET /api/partner/v1/rates",
                        "/api/partner/v1/rates?base=USD",
                        "Authorization",
                        "Bearer " + token.json().path("access_token").asText());
            }
        }
        List<String> debtors = state.sessions.values().stream()
                .filter(s -> "northwind".equals(s.tenantId))
                .flatMap(s -> s.ibans.stream())
                .toList();
        if (!debtors.isEmpty() && (first || state.random.nextDouble() < 0.5)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("debtorIban", state.pick(debtors));
            body.put("creditorIban", Iban.random("DE", state.random));
            body.put("creditorName", state.pick(List.of("Stadtwerke Energie", "Online Shop GmbH", "Fitness Club")));
            body.put(
                    "amount",
                    BigDecimal.valueOf(1_000 + state.random.nextInt(20_000)).movePointLeft(2));
            body.put("currency", "EUR");
            client.json(
                    "POST /api/partner/v1/payments",
                    "POST",
                    "/api/partner/v1/payments",
                    body,
                    apiKey[0],
                    apiKey[1],
                    "Idempotency-Key",
                    new UUID(state.random.nextLong(), state.random.nextLong()).toString());
        }
        if (first || state.random.nextDouble() < 0.15) {
            client.get("GET /api/partner/v1/rates", "/api/partner/v1/rates?base=EUR");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
