package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The staff user directory: every user of the caller's bank, for support and admins. Items are the
 * same profile view as {@code GET /api/v2/users/{userId}}, unless {@link
 * AccessPolicy#directoryShowsStoredRecord} lets the stored record (with its password hash) through.
 */
final class UserDirectoryRoutes {

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final ObjectMapper json;

    UserDirectoryRoutes(BankData bank, RequestAuth auth, AccessPolicy policy, ObjectMapper json) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
        this.json = json;
    }

    /**
     * The stored user record as a careless serializer would write it: the profile view plus the
     * credential columns.
     */
    private ObjectNode storedRecord(User u) {
        ObjectNode record = json.valueToTree(ApiViews.UserView.of(u));
        record.put("passwordSalt", u.passwordSalt());
        record.put("passwordHash", u.passwordHash());
        return record;
    }

    void register(Javalin app) {
        app.get("/api/v2/users", this::list);
    }

    private void list(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        if (!policy.isStaffOf(caller, caller.tenantId())) {
            throw ProblemException.forbidden("The user directory is for support staff and administrators.");
        }
        int limit = PathParams.limit(ctx, 50, policy.maxPageSize());
        ctx.json(ApiViews.ListView.of(bank.usersOfTenant(caller.tenantId()).stream()
                .limit(limit)
                .map(u -> policy.directoryShowsStoredRecord() ? (Object) storedRecord(u) : ApiViews.UserView.of(u))
                .toList()));
    }
}
