package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/** Tenant administration: list users, lock or unlock a user, delete an account. Admins of the tenant only. */
final class AdminRoutes {

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final ObjectMapper json;

    AdminRoutes(BankData bank, RequestAuth auth, AccessPolicy policy, ObjectMapper json) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/api/v2/admin/users", this::users);
        app.post("/api/v2/admin/users/{userId}/lock", this::lock);
        app.delete("/api/v2/admin/accounts/{accountId}", this::deleteAccount);
    }

    private Caller.Person requireAdmin(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        if (!policy.canAdminister(caller, caller.tenantId())) {
            throw ProblemException.forbidden("This function is reserved to administrators.");
        }
        return caller;
    }

    private void users(Context ctx) {
        Caller.Person admin = requireAdmin(ctx);
        int limit = PathParams.limit(ctx, 50, policy.maxPageSize());
        ctx.json(ApiViews.ListView.of(bank.usersOfTenant(admin.tenantId()).stream()
                .limit(limit)
                .map(ApiViews.UserView::of)
                .toList()));
    }

    private void lock(Context ctx) {
        Caller.Person admin = requireAdmin(ctx);
        UUID userId = PathParams.uuid(ctx, "userId");
        boolean locked = true;
        if (!ctx.body().isBlank()) {
            JsonBody body = JsonBody.of(ctx, json);
            locked = !body.has("locked") || body.optionalNode("locked").asBoolean(true);
            body.require(!body.has("locked") || body.optionalNode("locked").isBoolean(), "locked: must be a boolean");
            body.validate();
        }
        User target = bank.user(userId)
                .filter(u -> policy.canAdminister(admin, u.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("No user with this id."));
        if (target.id().equals(admin.userId())) {
            throw new ProblemException(
                    409,
                    "self-lock",
                    "Cannot lock yourself",
                    "An administrator cannot lock their own account.",
                    List.of());
        }
        User saved = target.withLocked(locked);
        bank.put(saved);
        ctx.json(ApiViews.UserView.of(saved));
    }

    private void deleteAccount(Context ctx) {
        Caller.Person admin = requireAdmin(ctx);
        UUID accountId = PathParams.uuid(ctx, "accountId");
        Account account = bank.account(accountId)
                .filter(a -> policy.canAdminister(admin, a.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("No account with this id."));
        bank.deleteAccount(account.id());
        ctx.status(204);
    }
}
