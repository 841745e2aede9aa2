package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deprecated v1 API, still reachable beside v2 (a zombie API): snake_case fields and
 * {@code Deprecation} (RFC 9745), {@code Sunset} (RFC 8594) and successor {@code Link} headers.
 */
final class LegacyRoutes {

    /** 2026-01-01T00:00:00Z, when v1 was deprecated. */
    static final String DEPRECATION = "@1767225600";

    static final String SUNSET = "Sun, 28 Feb 2027 23:59:59 GMT";

    private final BankData bank;
    private final RequestAuth auth;
    private final AccountRoutes accounts;
    private final UserRoutes users;

    LegacyRoutes(BankData bank, RequestAuth auth, AccountRoutes accounts, UserRoutes users) {
        this.bank = bank;
        this.auth = auth;
        this.accounts = accounts;
        this.users = users;
    }

    void register(Javalin app) {
        app.get("/api/v1/accounts/{accountId}", this::account);
        app.get("/api/v1/users/{userId}", this::user);
    }

    private void account(Context ctx) {
        deprecated(ctx, "/api/v2/accounts/" + ctx.pathParam("accountId"));
        Caller.Person caller = auth.requireUser(ctx);
        Account a = accounts.readable(caller, PathParams.uuid(ctx, "accountId"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account_id", a.id().toString());
        out.put("owner_id", a.ownerId().toString());
        out.put("iban", a.iban());
        out.put("currency", a.currency());
        out.put("account_type", a.type());
        out.put("balance", a.balance());
        out.put("opened_at", a.openedAt().toString());
        ctx.json(out);
    }

    private void user(Context ctx) {
        deprecated(ctx, "/api/v2/users/" + ctx.pathParam("userId"));
        Caller.Person caller = auth.requireUser(ctx);
        User u = users.readable(caller, PathParams.uuid(ctx, "userId"));
        Profile p = u.profile();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user_id", u.id().toString());
        out.put("username", u.username());
        out.put("full_name", p.fullName());
        out.put("email_address", p.email());
        out.put("phone_number", p.phone());
        out.put("birth_date", p.dateOfBirth().toString());
        out.put("ssn", p.nationalId());
        out.put("bank", bank.tenant(u.tenantId()).map(Tenant::name).orElse(""));
        ctx.json(out);
    }

    private static void deprecated(Context ctx, String successor) {
        ctx.header("Deprecation", DEPRECATION);
        ctx.header("Sunset", SUNSET);
        ctx.header("Link", "<" + successor + ">; rel=\"successor-version\"");
    }
}
