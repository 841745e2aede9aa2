package dev.vigil.discovery;

import java.util.List;
import java.util.Objects;

/**
 * How a request authenticates, as seen in traffic. A closed set: every consumer switches over it.
 * Carries no secret values, only what identifies the scheme.
 */
public sealed interface AuthScheme {
    /** Stable short name, used as the OpenAPI security scheme name and in reports. */
    String id();

    record None() implements AuthScheme {
        public String id() {
            return "none";
        }
    }

    record Basic() implements AuthScheme {
        public String id() {
            return "basic";
        }
    }

    /** A bearer token that is not a JWT. */
    record OpaqueBearer() implements AuthScheme {
        public String id() {
            return "bearer";
        }
    }

    /** A bearer JWT with the claims that describe it (never the signature or the raw token). */
    record Jwt(String alg, String issuer, List<String> audience, List<String> scopes) implements AuthScheme {
        public Jwt {
            alg = Objects.requireNonNullElse(alg, "");
            issuer = Objects.requireNonNullElse(issuer, "");
            audience = List.copyOf(audience);
            scopes = List.copyOf(scopes);
        }

        public String id() {
            return "jwt";
        }
    }

    /** An API key sent in a header, query parameter or cookie named {@code name}. */
    record ApiKey(ParameterLocation in, String name) implements AuthScheme {
        public ApiKey {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(name, "name");
        }

        public String id() {
            return "apiKey-" + in.openApiName() + "-" + name.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A session cookie named {@code name}. */
    record SessionCookie(String name) implements AuthScheme {
        public SessionCookie {
            Objects.requireNonNull(name, "name");
        }

        public String id() {
            return "cookie-" + name.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The endpoint is an OAuth2 / OIDC token endpoint, {@code grantTypes} as seen. */
    record OAuth2TokenEndpoint(List<String> grantTypes) implements AuthScheme {
        public OAuth2TokenEndpoint {
            grantTypes = List.copyOf(grantTypes);
        }

        public String id() {
            return "oauth2";
        }
    }
}
