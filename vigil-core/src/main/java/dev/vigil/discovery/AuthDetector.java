package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises how each exchange authenticates and, when a credential identifies the caller, who it
 * is: Basic (the user name), bearer JWTs (decoded, not verified: algorithm, issuer, audience,
 * scopes, subject and roles), opaque bearer tokens and API keys (a fingerprint, never the value),
 * session cookies, and OAuth2/OIDC token endpoints. A request may carry several schemes.
 *
 * <p>Names listed in {@link AuthConfig} count whenever they hold a value. Unlisted but
 * ambiguous names ({@code key}, {@code token}) and credential-like header names count only when
 * their value is shaped like a generated credential or is a JWT, so {@code ?key=sort} is not an
 * API key. Thread-safe and allocation-light: the body is only looked at when a cheap substring
 * check says it may be an OAuth2 exchange.
 */
public final class AuthDetector {
    // Clients reuse one token for many calls: decode each distinct token once.
    private final Memo<String, Optional<JwtInspection.Inspected>> jwts = new Memo<>(8192, JwtInspection::inspect);

    private static final Set<String> AMBIGUOUS_QUERY = Set.of("key", "token", "auth", "access-token", "accesstoken");
    private static final Pattern CREDENTIAL_HEADER = Pattern.compile(
            "(?i)^(?:x-)?(?:[a-z0-9]+-)*(?:api-?key|api-?token|auth-?token|access-?token|subscription-?key)$");
    private static final Pattern AWS_CREDENTIAL = Pattern.compile("Credential=([A-Za-z0-9]+)/");
    private static final Pattern DIGEST_USER = Pattern.compile("(?i)username=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthConfig config;

    public AuthDetector(AuthConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public AuthObservation detect(Exchange exchange) {
        Exchange.Request request = exchange.request();
        Set<AuthScheme> schemes = new LinkedHashSet<>();
        List<Principal> principals = new ArrayList<>(2);
        boolean cookies = false;
        List<Header> others = new ArrayList<>(request.headers().size());
        for (Header h : request.headers()) {
            if (h.named("authorization")) {
                authorization(h.value().trim(), schemes, principals);
            } else if (h.named("cookie")) {
                cookies = true;
            } else {
                others.add(h);
            }
        }
        // After the Authorization header, so the principal it names comes first.
        for (Header h : others) {
            apiKeyHeader(h.name(), h.value().trim(), schemes, principals);
        }
        if (!request.query().isEmpty()) {
            queryKeys(request.queryParameters(), schemes, principals);
        }
        if (cookies) {
            cookies(request.cookies(), schemes, principals);
        }
        exchange.response().ifPresent(r -> issuedSessions(request, r, schemes));
        oauth2(request, exchange.response(), schemes, principals);
        List<AuthScheme> list = schemes.isEmpty() ? List.of(new AuthScheme.None()) : List.copyOf(schemes);
        return new AuthObservation(list, principals.stream().findFirst());
    }

    private void authorization(String value, Set<AuthScheme> schemes, List<Principal> principals) {
        int space = indexOfWhitespace(value);
        if (space < 0) {
            return; // A bare scheme name or a lone value carries no credential we can name.
        }
        String scheme = value.substring(0, space);
        String credentials = value.substring(space + 1).trim();
        if (!Credentials.present(credentials)) {
            return;
        }
        if (scheme.equalsIgnoreCase("basic")) {
            schemes.add(new AuthScheme.Basic());
            basicUser(credentials).ifPresent(user -> principals.add(new Principal(user, "basic", List.of())));
        } else if (scheme.equalsIgnoreCase("bearer")) {
            var jwt = inspectJwt(credentials);
            if (jwt.isPresent()) {
                schemes.add(jwt.get().scheme());
                principals.add(jwt.get().principal());
            } else {
                schemes.add(new AuthScheme.OpaqueBearer());
                principals.add(new Principal(Credentials.fingerprint("tok", credentials), "token", List.of()));
            }
        } else {
            // Token, ApiKey, SSWS, Digest, AWS SigV4…: a credential in the Authorization header.
            schemes.add(new AuthScheme.ApiKey(ParameterLocation.HEADER, "authorization"));
            principals.add(
                    new Principal(Credentials.fingerprint("key", stableCredential(credentials)), "apiKey", List.of()));
        }
    }

    /** Signed schemes change every request; identify the caller by the part that does not. */
    private static String stableCredential(String credentials) {
        Matcher aws = AWS_CREDENTIAL.matcher(credentials);
        if (aws.find()) {
            return aws.group(1);
        }
        Matcher digest = DIGEST_USER.matcher(credentials);
        return digest.find() ? digest.group(1) : credentials;
    }

    private static Optional<String> basicUser(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 ? Optional.of(decoded.substring(0, colon)) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private void apiKeyHeader(String name, String value, Set<AuthScheme> schemes, List<Principal> principals) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean listed = config.apiKeyHeaders().contains(lower);
        if (!listed
                && !((lower.contains("key") || lower.contains("token"))
                        && CREDENTIAL_HEADER.matcher(lower).matches())) {
            return;
        }
        if (listed ? Credentials.present(value) : generatedOrJwt(value)) {
            schemes.add(new AuthScheme.ApiKey(ParameterLocation.HEADER, lower));
            principals.add(keyPrincipal(value));
        }
    }

    private void queryKeys(List<Map.Entry<String, String>> query, Set<AuthScheme> schemes, List<Principal> principals) {
        for (Map.Entry<String, String> p : query) {
            String lower = p.getKey().toLowerCase(Locale.ROOT);
            boolean listed = config.apiKeyQueryParameters().contains(lower);
            boolean counts = listed
                    ? Credentials.present(p.getValue())
                    : AMBIGUOUS_QUERY.contains(lower) && generatedOrJwt(p.getValue());
            if (counts) {
                schemes.add(new AuthScheme.ApiKey(ParameterLocation.QUERY, lower));
                principals.add(keyPrincipal(p.getValue()));
            }
        }
    }

    private void cookies(List<Map.Entry<String, String>> cookies, Set<AuthScheme> schemes, List<Principal> principals) {
        for (Map.Entry<String, String> c : cookies) {
            String name = c.getKey();
            String value = c.getValue();
            if (config.apiKeyCookies().contains(name.toLowerCase(Locale.ROOT)) && Credentials.present(value)) {
                schemes.add(new AuthScheme.ApiKey(ParameterLocation.COOKIE, name.toLowerCase(Locale.ROOT)));
                principals.add(keyPrincipal(value));
            } else if (SessionCookies.isSession(name, value, config)
                    || (!SessionCookies.excluded(name) && Credentials.looksLikeJwt(value))) {
                schemes.add(new AuthScheme.SessionCookie(name));
                principals.add(inspectJwt(value)
                        .map(JwtInspection.Inspected::principal)
                        .orElseGet(() -> new Principal(Credentials.fingerprint("ses", value), "session", List.of())));
            }
        }
    }

    /** A login response that sets an HttpOnly cookie, or any response setting a session-named cookie. */
    private void issuedSessions(Exchange.Request request, Exchange.Response response, Set<AuthScheme> schemes) {
        if (response.status() >= 400) {
            return;
        }
        boolean login = request.method().equals("POST") && SessionCookies.loginPath(request.path());
        for (Header h : response.headers()) {
            if (!h.named("set-cookie")) {
                continue;
            }
            SessionCookies.SetCookie.parse(h.value())
                    .filter(c -> !c.cleared() && !SessionCookies.excluded(c.name()))
                    .filter(c -> SessionCookies.isSession(c.name(), c.value(), config) || (login && c.httpOnly()))
                    .ifPresent(c -> schemes.add(new AuthScheme.SessionCookie(c.name())));
        }
    }

    /**
     * OAuth2 token endpoint (RFC 6749 §3.2): a form POST with grant_type, or a successful JSON
     * response with both access_token and token_type (§5.1).
     */
    private static void oauth2(
            Exchange.Request request,
            Optional<Exchange.Response> response,
            Set<AuthScheme> schemes,
            List<Principal> principals) {
        List<String> grants = new ArrayList<>(1);
        String clientId = "";
        if (request.method().equals("POST") && request.body().contains("grant_type")) {
            String mediaType = Exchange.Headers.mediaType(request.headers());
            if (mediaType.equals("application/x-www-form-urlencoded") || mediaType.isEmpty()) {
                for (Map.Entry<String, String> p : formPairs(request.body())) {
                    if (p.getKey().equals("grant_type") && !p.getValue().isBlank()) {
                        grants.add(p.getValue());
                    } else if (p.getKey().equals("client_id")) {
                        clientId = p.getValue();
                    }
                }
            }
        }
        boolean issued = response.filter(r -> r.status() >= 200 && r.status() < 300)
                .filter(r -> r.body().contains("access_token") && r.body().contains("token_type"))
                .map(r -> tokenResponse(r.body()))
                .orElse(false);
        if (grants.isEmpty() && !issued) {
            return;
        }
        schemes.add(new AuthScheme.OAuth2TokenEndpoint(grants));
        if (!clientId.isBlank()) {
            principals.add(new Principal(clientId, "oauth2-client", List.of()));
        }
    }

    private static boolean tokenResponse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null
                    && json.path("access_token").isTextual()
                    && json.path("token_type").isTextual();
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return false;
        }
    }

    private static List<Map.Entry<String, String>> formPairs(String body) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.add(Map.entry(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    private boolean generatedOrJwt(String value) {
        return Credentials.looksGenerated(value) || Credentials.looksLikeJwt(value);
    }

    private Principal keyPrincipal(String value) {
        return inspectJwt(value)
                .map(JwtInspection.Inspected::principal)
                .orElseGet(() -> new Principal(Credentials.fingerprint("key", value), "apiKey", List.of()));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private Optional<JwtInspection.Inspected> inspectJwt(String token) {
        return jwts.get(token);
    }
}
