package dev.vigil.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Visits of bank staff: the support agent works the ticket queue and looks customers up; the admin
 * lists users, locks and unlocks one, and closes accounts customers opened during the run.
 */
final class StaffJourney {

    private final GeneratorClient client;
    private final GeneratorState state;

    StaffJourney(GeneratorClient client, GeneratorState state) {
        this.client = client;
        this.state = state;
    }

    void support(GeneratorState.Session s) throws InterruptedException {
        Logins.ensureSignedIn(client, state, s);
        String[] auth = s.bearer();
        GeneratorClient.Reply tickets = client.get(
                "GET /api/v2/support/tickets",
                s.visits == 1 || state.random.nextBoolean()
                        ? "/api/v2/support/tickets"
                        : "/api/v2/support/tickets?status=" + state.pick(List.of("open", "pending")),
                auth);
        tickets.json().path("items").forEach(t -> {
            if (!state.ticketIds.contains(t.path("id").asText())) {
                state.ticketIds.add(t.path("id").asText());
            }
        });
        if (!state.ticketIds.isEmpty()) {
            client.get(
                    "GET /api/v2/support/tickets/{ticketId}",
                    "/api/v2/support/tickets/" + state.pick(state.ticketIds),
                    auth);
        }
        GeneratorState.Session customer = state.otherCustomer(s, CustomerJourney.customers());
        if (customer != null && customer.tenantId.equals(s.tenantId)) {
            client.get("GET /api/v2/users/{userId}", "/api/v2/users/" + customer.userId, auth);
            client.get("GET /api/v2/accounts/{accountId}", "/api/v2/accounts/" + state.pick(customer.accountIds), auth);
        }
        if (state.sometimes(s, 0.2)) {
            client.get("GET /api/v2/admin/users", "/api/v2/admin/users", auth);
        }
    }

    void admin(GeneratorState.Session s) throws InterruptedException {
        Logins.ensureSignedIn(client, state, s);
        String[] auth = s.bearer();
        GeneratorClient.Reply users = client.get("GET /api/v2/admin/users", "/api/v2/admin/users?limit=50", auth);
        List<String> lockable = new ArrayList<>();
        for (JsonNode u : users.json().path("items")) {
            boolean persona = state.sessions.containsKey(u.path("username").asText())
                    || DemoCredentials.LOGINS.stream().anyMatch(l -> l.username()
                            .equals(u.path("username").asText()));
            if (!persona) {
                lockable.add(u.path("id").asText());
            }
        }
        if (!lockable.isEmpty() && state.sometimes(s, 0.4)) {
            String target = state.pick(lockable);
            String path = "/api/v2/admin/users/" + target + "/lock";
            client.json("POST /api/v2/admin/users/{userId}/lock", "POST", path, Map.of("locked", true), auth);
            client.get("GET /api/v2/users/{userId}", "/api/v2/users/" + target, auth);
            client.json("POST /api/v2/admin/users/{userId}/lock", "POST", path, Map.of("locked", false), auth);
        }
        if (!state.openedAccountIds.isEmpty() && state.sometimes(s, 0.5)) {
            String account = state.openedAccountIds.removeFirst();
            client.delete("DELETE /api/v2/admin/accounts/{accountId}", "/api/v2/admin/accounts/" + account, auth);
        }
        if (state.sometimes(s, 0.2)) {
            client.get("GET /health", "/health");
        }
        if (state.sometimes(s, 0.3)) {
            client.get("GET /api/v2/admin/audit-events", "/api/v2/admin/audit-events", auth);
        }
    }
}
