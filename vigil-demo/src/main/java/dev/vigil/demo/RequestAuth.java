package dev.vigil.demo;

import io.javalin.http.Context;
import java.util.Optional;

/** Establishes who is calling from the request's credentials, or refuses with 401. */
final class RequestAuth {

    static final String API_KEY_HEADER = "X-API-Key";

    private final TokenService tokens;
    private final BankData bank;

    RequestAuth(TokenService tokens, BankData bank) {
        this.tokens = tokens;
        this.bank = bank;
    }

    /** A signed-in, unlocked bank user from a Bearer access token. */
    Caller.Person requireUser(Context ctx) {
        String token =
                bearer(ctx).orElseThrow(() -> ProblemException.unauthorized("A Bearer access token is required."));
        Caller.Person caller = tokens.verifyUser(token)
                .orElseThrow(() -> ProblemException.unauthorized("The access token is invalid or expired."));
        boolean active = bank.user(caller.userId()).map(u -> !u.locked()).orElse(false);
        if (!active) {
            throw ProblemException.unauthorized("The user is locked or no longer exists.");
        }
        return caller;
    }

    /** A partner from the {@code X-API-Key} header or a client-credentials Bearer token. */
    Caller.PartnerApp requirePartner(Context ctx) {
        String apiKey = ctx.header(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return bank.partnerByApiKey(apiKey.trim())
                    .map(p -> new Caller.PartnerApp(p.clientId(), p.tenantId(), p.scopes()))
                    .orElseThrow(() -> ProblemException.unauthorized("The API key is not recognised."));
        }
        String token = bearer(ctx)
                .orElseThrow(() ->
                        ProblemException.unauthorized("An X-API-Key header or a partner Bearer token is required."));
        return tokens.verifyPartner(token)
                .orElseThrow(() -> ProblemException.unauthorized("The partner token is invalid or expired."));
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
