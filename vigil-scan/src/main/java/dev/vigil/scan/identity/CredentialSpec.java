package dev.vigil.scan.identity;

import dev.vigil.discovery.ParameterLocation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** How an identity obtains its credentials. A closed set: {@link CredentialManager} handles each. */
public sealed interface CredentialSpec {
    /** The YAML {@code type} value. */
    String type();

    /** No credentials: the anonymous caller. */
    record None() implements CredentialSpec {
        public String type() {
            return "none";
        }
    }

    /** A static token sent as {@code header: scheme token} (scheme may be empty). */
    record Bearer(Secret token, String header, String scheme) implements CredentialSpec {
        public Bearer {
            Objects.requireNonNull(token, "token");
            header = header == null || header.isBlank() ? "Authorization" : header;
            scheme = scheme == null ? "Bearer" : scheme;
        }

        public String type() {
            return "bearer";
        }
    }

    /** A static API key in a header, query parameter or cookie. */
    record ApiKey(ParameterLocation in, String name, Secret value) implements CredentialSpec {
        public ApiKey {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        public String type() {
            return "api-key";
        }
    }

    record Basic(String username, Secret password) implements CredentialSpec {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        public String type() {
            return "basic";
        }
    }

    /** A static session cookie. */
    record Cookie(String name, Secret value) implements CredentialSpec {
        public Cookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        public String type() {
            return "cookie";
        }
    }

    /**
     * A chain of requests whose extracted values (named) feed later steps and finally {@code apply}.
     * {@code vars} are inputs available to every step as {@code ${name}}; {@code lifetime} is used
     * when no expiry can be learned from the answer. {@code refresh}, when declared, is the request
     * that trades a refresh token (a value a step extracted) for a new access token; it extracts
     * {@code token}. The refresh-token replay test sends it twice with the same refresh token.
     */
    record Login(
            Map<String, Secret> vars,
            List<LoginStep> steps,
            Apply apply,
            Optional<Duration> lifetime,
            Optional<LoginStep> refresh)
            implements CredentialSpec {
        public Login {
            vars = Map.copyOf(vars);
            steps = List.copyOf(steps);
            Objects.requireNonNull(apply, "apply");
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(refresh, "refresh");
        }

        public Login(Map<String, Secret> vars, List<LoginStep> steps, Apply apply, Optional<Duration> lifetime) {
            this(vars, steps, apply, lifetime, Optional.empty());
        }

        public String type() {
            return "login";
        }
    }

    /** OAuth2 client-credentials grant; the client authenticates with HTTP Basic (RFC 6749 §2.3.1). */
    record OAuth2ClientCredentials(String tokenUrl, String clientId, Secret clientSecret, String scope)
            implements CredentialSpec {
        public OAuth2ClientCredentials {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            scope = scope == null ? "" : scope;
        }

        public String type() {
            return "oauth2-client-credentials";
        }
    }

    /** OAuth2 resource-owner password grant. */
    record OAuth2Password(
            String tokenUrl, String clientId, Secret clientSecret, String username, Secret password, String scope)
            implements CredentialSpec {
        public OAuth2Password {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            scope = scope == null ? "" : scope;
        }

        public String type() {
            return "oauth2-password";
        }
    }

    /**
     * A TLS client certificate (mutual TLS): {@code sslContext} presents it, built and validated
     * when the identities file is loaded; {@code source} names the files (no secrets) and
     * {@code password} is the PKCS#12 password, if any (for redaction).
     */
    record Mtls(String source, javax.net.ssl.SSLContext sslContext, Secret password) implements CredentialSpec {
        public Mtls {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(sslContext, "sslContext");
            password = password == null ? new Secret("") : password;
        }

        public String type() {
            return "mtls";
        }
    }

    /** One login request; {@code url} may be relative to the target's base URL. Values may use {@code ${var}}. */
    record LoginStep(
            String method, String url, Map<String, String> headers, String body, Map<String, Extraction> extract) {
        public LoginStep {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            body = body == null ? "" : body;
            extract = Map.copyOf(extract);
        }
    }

    /** Where an extracted value comes from in a login answer. */
    enum ExtractFrom {
        BODY,
        HEADER,
        COOKIE
    }

    /**
     * Takes a value from a login answer: a JSON pointer into the body, a named header or Set-Cookie
     * cookie, optionally narrowed by a regex (its first group, or the whole match).
     */
    record Extraction(ExtractFrom from, String name, String pointer, Optional<Pattern> regex) {
        public Extraction {
            Objects.requireNonNull(from, "from");
            name = name == null ? "" : name;
            pointer = pointer == null ? "" : pointer;
            Objects.requireNonNull(regex, "regex");
        }
    }

    /** Where the final credential goes: a header or a cookie named {@code name}, value from {@code template}. */
    record Apply(ParameterLocation in, String name, String template) {
        public Apply {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(template, "template");
        }
    }
}
