package dev.vigil.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** Judgements about credential values that never keep the value itself. */
final class Credentials {
    /** Values that fill a credential slot without being one. */
    private static final Set<String> PLACEHOLDERS =
            Set.of("null", "undefined", "none", "deleted", "true", "false", "0", "-", "''", "\"\"");

    private Credentials() {}

    /**
     * A short stable identifier for a credential: {@code prefix} plus the first 12 hex digits (48
     * bits) of its SHA-256, enough to tell callers apart and useless for recovering the credential.
     */
    static String fingerprint(String prefix, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return prefix + ":" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Non-blank and not a placeholder such as "null" or "deleted". */
    static boolean present(String value) {
        String v = value.trim();
        return !v.isEmpty() && !PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a value under an ambiguous name ({@code key}, {@code token}) is shaped like a
     * generated credential rather than a word: at least 16 characters from the token alphabets,
     * no spaces, and both letters and digits (random keys of that length almost always mix them;
     * words and identifiers such as {@code created_at_desc} do not).
     */
    static boolean looksGenerated(String value) {
        if (value.length() < 16 || value.length() > 4096) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if ("-._~+/=:".indexOf(c) < 0) {
                return false;
            }
        }
        return letter && digit;
    }

    /** Cheap shape test before any parsing: a compact JWS (3 parts) or JWE (5 parts) starting with "{". */
    static boolean looksLikeJwt(String value) {
        if (!value.startsWith("eyJ") || value.length() < 20) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '=')) {
                return false;
            }
        }
        return dots == 2 || dots == 4;
    }
}
