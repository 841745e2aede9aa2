package dev.vigil.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** User profiles: the caller's own, another user's (staff or self) and profile updates. */
final class UserRoutes {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final ObjectMapper json;

    UserRoutes(BankData bank, RequestAuth auth, AccessPolicy policy, ObjectMapper json) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
        this.json = json;
    }

    void register(Javalin app) {
        // Registered before /{userId} so "me" stays a literal, not an id.
        app.get("/api/v2/users/me", this::me);
        app.get("/api/v2/users/{userId}", this::get);
        app.patch("/api/v2/users/{userId}", this::update);
        if (policy.legacyProfilePutRouted()) {
            app.put("/api/v2/users/{userId}", this::legacyReplace);
        }
    }

    /**
     * A handler left over from the v1 profile API: {@code PUT} is not in the v2 OpenAPI document but
     * is still routed in vulnerable mode. It changes nothing in the demo; it answers the profile to
     * whoever may change it.
     */
    private void legacyReplace(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        User target = readable(caller, PathParams.uuid(ctx, "userId"));
        if (!policy.canUpdateUser(caller, target)) {
            throw ProblemException.forbidden("Only the user or an admin may change this profile.");
        }
        ctx.json(ApiViews.UserView.of(target));
    }

    private void me(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        ctx.json(ApiViews.UserView.of(bank.user(caller.userId()).orElseThrow()));
    }

    private void get(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        User target = readable(caller, PathParams.uuid(ctx, "userId"));
        ApiViews.UserView view = ApiViews.UserView.of(target);
        if (!caller.userId().equals(target.id()) && policy.helpdeskViewShowsMfaSeed(caller)) {
            // the helpdesk tool's view (for reading codes to callers) leaks the seed of the second factor
            Map<String, Object> helpdesk = json.convertValue(view, new TypeReference<Map<String, Object>>() {});
            helpdesk.put("mfaSeed", mfaSeed(target));
            ctx.json(helpdesk);
            return;
        }
        ctx.json(view);
    }

    /** The user's (simulated) TOTP seed: stable per user, base32 like a real one. */
    private static String mfaSeed(User user) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("vigil-demo-totp:" + user.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                out.append(alphabet.charAt((digest[i] & 0xff) % 32));
            }
            return out.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The user if the caller may read them; 404 across tenants (existence stays hidden), 403 within one. */
    User readable(Caller.Person caller, UUID userId) {
        User target = bank.user(userId)
                .filter(u -> u.tenantId().equals(caller.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("No user with this id."));
        if (!policy.canReadUser(caller, target)) {
            throw ProblemException.forbidden("Only the user, support or an admin may read this profile.");
        }
        return target;
    }

    private void update(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        User target = readable(caller, PathParams.uuid(ctx, "userId"));
        if (!policy.canUpdateUser(caller, target)) {
            throw ProblemException.forbidden("Only the user or an admin may change this profile.");
        }
        JsonBody body = JsonBody.of(ctx, json);
        Profile p = target.profile();
        String email = body.optionalText("email").orElse(p.email());
        String phone = body.optionalText("phone").orElse(p.phone());
        body.require(EMAIL.matcher(email).matches(), "email: must be an email address");
        body.require(PHONE.matcher(phone).matches(), "phone: must be an E.164 number such as +4915112345678");
        Address address = address(body, p.address());
        Profile updated = new Profile(
                body.optionalText("firstName").orElse(p.firstName()),
                body.optionalText("lastName").orElse(p.lastName()),
                email,
                phone,
                p.dateOfBirth(),
                p.nationalId(),
                address);
        Set<Role> roles = target.roles();
        // Mass-assignment guard: role fields from non-admins are ignored, not rejected.
        if (policy.mayAssignRoles(caller) && (body.has("roles") || body.has("role"))) {
            roles = roles(body);
        }
        body.validate();
        User saved = target.withProfile(updated).withRoles(roles);
        bank.put(saved);
        ctx.json(ApiViews.UserView.of(saved));
    }

    private Address address(JsonBody body, Address current) {
        if (!body.has("address")) {
            return current;
        }
        JsonNode node = body.optionalNode("address");
        if (!node.isObject()) {
            body.require(false, "address: must be an object");
            return current;
        }
        return new Address(
                node.path("street").asText(current.street()),
                node.path("postalCode").asText(current.postalCode()),
                node.path("city").asText(current.city()),
                node.path("country").asText(current.country()));
    }

    private static Set<Role> roles(JsonBody body) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        JsonNode node = body.has("roles") ? body.optionalNode("roles") : body.optionalNode("role");
        if (node.isTextual()) {
            node = JsonNodeFactory.instance.arrayNode().add(node);
        }
        if (!node.isArray() || node.isEmpty()) {
            body.require(false, "roles: must be a non-empty array of customer, support, admin");
            return roles;
        }
        for (JsonNode name : node) {
            try {
                roles.add(Role.valueOf(name.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                body.require(false, "roles: unknown role; allowed are " + List.of("customer", "support", "admin"));
            }
        }
        return roles;
    }
}
