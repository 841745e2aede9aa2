package dev.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sign-in: user login and refresh for the v2 API, and the OAuth2 client-credentials grant for partners. */
final class AuthRoutes {

    private final BankData bank;
    private final TokenService tokens;
    private final ObjectMapper json;
    private final LoginLockout lockout;
    private final PartnerKeys partnerKeys;

    AuthRoutes(BankData bank, TokenService tokens, ObjectMapper json, LoginLockout lockout, PartnerKeys partnerKeys) {
        this.bank = bank;
        this.tokens = tokens;
        this.json = json;
        this.lockout = lockout;
        this.partnerKeys = partnerKeys;
    }

    void register(Javalin app) {
        app.post("/api/v2/auth/login", this::login);
        app.post("/api/v2/auth/refresh", this::refresh);
        app.post("/oauth/token", this::clientCredentials);
        app.get("/.well-known/jwks.json", ctx -> ctx.contentType("application/json")
                .result(partnerKeys.jwks()));
    }

    private void login(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json);
        String username = body.text("username");
        String password = body.text("password");
        String audience = body.optionalText("audience").orElse(TokenService.USER_AUDIENCE);
        body.require(
                audience.equals(TokenService.USER_AUDIENCE) || audience.equals(TokenService.INSIGHTS_AUDIENCE),
                "audience: must be " + TokenService.USER_AUDIENCE + " or " + TokenService.INSIGHTS_AUDIENCE);
        body.validate();
        lockout.checkNotLocked(username, ctx);
        Optional<User> user = bank.userByUsername(username).filter(u -> BankData.passwordMatches(u, password));
        if (user.isEmpty()) {
            lockout.failed(username);
        }
        // One answer for unknown users and wrong passwords, so logins cannot enumerate usernames.
        User signedIn = user.orElseThrow(() -> new ProblemException(
                401, "invalid-credentials", "Invalid credentials", "Username or password is wrong.", List.of()));
        lockout.succeeded(username);
        if (signedIn.locked()) {
            throw new ProblemException(
                    403, "account-locked", "Account locked", "This account is locked; contact support.", List.of());
        }
        ctx.json(session(signedIn, audience));
    }

    private void refresh(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json);
        String refreshToken = body.text("refreshToken");
        body.validate();
        User user = tokens.redeemRefresh(refreshToken)
                .flatMap(bank::user)
                .filter(u -> !u.locked())
                .orElseThrow(() -> ProblemException.unauthorized("The refresh token is invalid, used or expired."));
        ctx.json(session(user, TokenService.USER_AUDIENCE));
    }

    private Map<String, Object> session(User user, String audience) {
        TokenService.Issued access = tokens.issueAccess(user, audience);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessToken", access.token());
        out.put("tokenType", "Bearer");
        out.put("expiresIn", access.expiresInSeconds());
        out.put("refreshToken", tokens.issueRefresh(user));
        out.put("userId", user.id().toString());
        out.put("tenantId", user.tenantId());
        return out;
    }

    private void clientCredentials(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        String grantType = ctx.formParam("grant_type");
        String[] client = basicCredentials(ctx)
                .orElseGet(() -> new String[] {ctx.formParam("client_id"), ctx.formParam("client_secret")});
        if (!"client_credentials".equals(grantType)) {
            oauthError(ctx, 400, "unsupported_grant_type", "Only client_credentials is supported.");
            return;
        }
        Optional<Partner> partner = Optional.ofNullable(client[0])
                .flatMap(bank::partnerByClientId)
                .filter(p -> client[1] != null
                        && MessageDigest.isEqual(
                                p.clientSecret().getBytes(StandardCharsets.UTF_8),
                                client[1].getBytes(StandardCharsets.UTF_8)));
        if (partner.isEmpty()) {
            oauthError(ctx, 401, "invalid_client", "Client authentication failed.");
            return;
        }
        TokenService.Issued issued = tokens.issuePartner(partner.get());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", issued.token());
        out.put("token_type", "Bearer");
        out.put("expires_in", issued.expiresInSeconds());
        out.put(
                "scope",
                String.join(" ", partner.get().scopes().stream().sorted().toList()));
        ctx.json(out);
    }

    /** RFC 6749 section 5.2 requires this error shape on the token endpoint, not problem+json. */
    private static void oauthError(Context ctx, int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        ctx.status(status).json(body);
    }

    private static Optional<String[]> basicCredentials(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
