package dev.vigil.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the traffic generator has learnt so far: each persona's session and the ids it has seen, so
 * later steps use real ids (and cross-user attempts use ids that really belong to someone else).
 */
final class GeneratorState {

    /** One signed-in persona. */
    static final class Session {
        final String username;
        String accessToken = "";
        String refreshToken = "";
        String userId = "";
        String tenantId = "";
        final List<String> accountIds = new ArrayList<>();
        final List<String> ibans = new ArrayList<>();
        final List<Long> transactionIds = new ArrayList<>();
        final List<String> cardIds = new ArrayList<>();
        int visits;
        boolean calledLegacyApi;

        Session(String username) {
            this.username = username;
        }

        boolean signedIn() {
            return !accessToken.isEmpty();
        }

        String[] bearer() {
            return new String[] {"Authorization", "Bearer " + accessToken};
        }

        void signIn(JsonNode login) {
            accessToken = login.path("accessToken").asText("");
            refreshToken = login.path("refreshToken").asText("");
            userId = login.path("userId").asText(userId);
            tenantId = login.path("tenantId").asText(tenantId);
        }
    }

    final Random random;
    final Map<String, Session> sessions = new LinkedHashMap<>();
    final List<String> openedAccountIds = new ArrayList<>();
    final List<String> ticketIds = new ArrayList<>();

    GeneratorState(long seed) {
        this.random = new Random(seed);
    }

    Session session(String username) {
        return sessions.computeIfAbsent(username, Session::new);
    }

    /** Someone else's session in the same or another tenant, if it has learnt anything yet. */
    Session otherCustomer(Session self, List<String> customers) {
        List<Session> others = customers.stream()
                .filter(u -> !u.equals(self.username))
                .map(this::session)
                .filter(s -> !s.accountIds.isEmpty())
                .toList();
        return others.isEmpty() ? null : others.get(random.nextInt(others.size()));
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** True with probability {@code p}, or always on a persona's first visit so every step runs at least once. */
    boolean sometimes(Session session, double p) {
        return session.visits == 1 || random.nextDouble() < p;
    }
}
