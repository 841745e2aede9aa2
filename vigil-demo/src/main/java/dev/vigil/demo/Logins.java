package dev.vigil.demo;

import java.util.Map;

/** Keeps a persona signed in: a login on first use, then now and then a refresh instead of a new login. */
final class Logins {

    private Logins() {}

    static void ensureSignedIn(GeneratorClient client, GeneratorState state, GeneratorState.Session s)
            throws InterruptedException {
        if (s.signedIn() && state.random.nextDouble() < 0.2) {
            GeneratorClient.Reply refreshed = client.json(
                    "POST /api/v2/auth/refresh",
                    "POST",
                    "/api/v2/auth/refresh",
                    Map.of("refreshToken", s.refreshToken));
            if (refreshed.ok()) {
                s.signIn(refreshed.json());
                return;
            }
        }
        if (!s.signedIn() || state.random.nextDouble() < 0.1) {
            GeneratorClient.Reply login = client.json(
                    "POST /api/v2/auth/login",
                    "POST",
                    "/api/v2/auth/login",
                    CustomerJourney.credentials(s.username, DemoCredentials.PASSWORD));
            if (login.ok()) {
                s.signIn(login.json());
            }
        }
    }
}
