package dev.vigil.guard.detect;

/**
 * What a request presented to identify its caller, reduced to what detection needs. Tokens are
 * kept only as fingerprints (the first 12 hex digits of their SHA-256), never in full.
 */
public sealed interface Credential {
    /** Stable caller id used to key per-caller state: {@code jwt:<sub>}, {@code token:<fp>}, {@code ip:<addr>}… */
    String callerId(String sourceAddress);

    /** The account name, when the credential names one (Basic user, JWT sub), else empty. */
    default String account() {
        return "";
    }

    /** No credential: the caller is its source address. */
    record None() implements Credential {
        @Override
        public String callerId(String sourceAddress) {
            return "ip:" + sourceAddress;
        }
    }

    /**
     * A JWT, decoded without verification. {@code expiresAtEpochSeconds} is 0 when the token has no
     * {@code exp}; {@code subject} is empty when it has no {@code sub}.
     */
    record Jwt(String fingerprint, String algorithm, String subject, long expiresAtEpochSeconds) implements Credential {
        @Override
        public String callerId(String sourceAddress) {
            return subject.isEmpty() ? "token:" + fingerprint : "jwt:" + Redaction.excerpt(subject);
        }

        @Override
        public String account() {
            return subject;
        }
    }

    /** A bearer token or API key that is not a JWT. */
    record Opaque(String fingerprint) implements Credential {
        @Override
        public String callerId(String sourceAddress) {
            return "token:" + fingerprint;
        }
    }

    /** HTTP Basic credentials; only the user name is kept. */
    record Basic(String user) implements Credential {
        @Override
        public String callerId(String sourceAddress) {
            return "basic:" + Redaction.excerpt(user);
        }

        @Override
        public String account() {
            return user;
        }
    }
}
