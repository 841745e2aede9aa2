package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * The staff user directory: every user of the caller's bank, for support and admins. Items are the
 * same profile view as {@code GET /api/v2/users/{userId}}, unless {@link
 * AccessPolicy#directoryShowsStoredRecord} lets the stored record (with its password hash) through.
 */
final class UserDirectoryRoutes {

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;

    UserDirectoryRoutes(BankData bank, RequestAuth auth, AccessPolicy policy) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
    }

    /** The stored user record as a careless serializer would write it. */
    record StoredUserView(
            String id,
            String tenantId,
            String username,
            String passwordSalt,
            String passwordHash,
            String firstName,
            String lastName,
            String email,
            String phone,
            String dateOfBirth,
            String nationalId,
            Address address,
            List<String> roles,
            boolean locked,
            String createdAt) {
        static StoredUserView of(User u) {
            Profile p = u.profile();
            return new StoredUserView(
                    u.id().toString(),
                    u.tenantId(),
                    u.username(),
                    u.passwordSalt(),
                    u.passwordHash(),
                    p.firstName(),
                    p.lastName(),
                    p.email(),
                    p.phone(),
                    p.dateOfBirth().toString(),
                    p.nationalId(),
                    p.address(),
                    u.roles().stream().sorted().map(Role::wireName).toList(),
                    u.locked(),
                    u.createdAt().toString());
        }
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
                .map(u -> policy.directoryShowsStoredRecord() ? (Object) StoredUserView.of(u) : ApiViews.UserView.of(u))
                .toList()));
    }
}
