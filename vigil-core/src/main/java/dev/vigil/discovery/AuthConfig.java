package dev.vigil.discovery;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names that carry credentials, compared case-insensitively. Each name here is taken as a credential
 * whenever it has a non-blank value; names outside these sets are only recognised when their
 * value looks like a credential (see {@link AuthDetector}). {@link #defaults()} lists the common
 * ones; the {@code with…} methods add names.
 */
public record AuthConfig(
        Set<String> apiKeyHeaders,
        Set<String> apiKeyQueryParameters,
        Set<String> apiKeyCookies,
        Set<String> sessionCookies) {

    public AuthConfig {
        apiKeyHeaders = lowerCase(apiKeyHeaders);
        apiKeyQueryParameters = lowerCase(apiKeyQueryParameters);
        apiKeyCookies = lowerCase(apiKeyCookies);
        sessionCookies = lowerCase(sessionCookies);
    }

    public static AuthConfig defaults() {
        return new AuthConfig(
                Set.of(
                        "x-api-key",
                        "api-key",
                        "apikey",
                        "x-apikey",
                        "x-api-token",
                        "x-auth-token",
                        "x-access-token",
                        "x-auth-key",
                        "ocp-apim-subscription-key",
                        "x-goog-api-key",
                        "x-functions-key"),
                Set.of("api_key", "apikey", "api-key", "access_token", "auth_token", "subscription-key"),
                Set.of("api_key", "apikey", "access_token", "auth_token"),
                Set.of(
                        "jsessionid",
                        "phpsessid",
                        "asp.net_sessionid",
                        "aspsessionid",
                        "connect.sid",
                        "session",
                        "sessionid",
                        "session_id",
                        "sid",
                        "laravel_session",
                        "ci_session",
                        "_session_id",
                        "rack.session",
                        "sails.sid",
                        "cfid",
                        "cftoken"));
    }

    public AuthConfig withApiKeyHeaders(String... names) {
        return new AuthConfig(plus(apiKeyHeaders, names), apiKeyQueryParameters, apiKeyCookies, sessionCookies);
    }

    public AuthConfig withApiKeyQueryParameters(String... names) {
        return new AuthConfig(apiKeyHeaders, plus(apiKeyQueryParameters, names), apiKeyCookies, sessionCookies);
    }

    public AuthConfig withApiKeyCookies(String... names) {
        return new AuthConfig(apiKeyHeaders, apiKeyQueryParameters, plus(apiKeyCookies, names), sessionCookies);
    }

    public AuthConfig withSessionCookies(String... names) {
        return new AuthConfig(apiKeyHeaders, apiKeyQueryParameters, apiKeyCookies, plus(sessionCookies, names));
    }

    private static Set<String> plus(Set<String> base, String... more) {
        return Stream.concat(base.stream(), Arrays.stream(more)).collect(Collectors.toSet());
    }

    private static Set<String> lowerCase(Set<String> names) {
        TreeSet<String> out = new TreeSet<>();
        for (String n : names) {
            String name = n.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("credential names must not be blank");
            }
            out.add(name);
        }
        return Collections.unmodifiableSet(out);
    }
}
