package dev.vigil.classify;

import static dev.vigil.classify.ValueEvidence.NONE;
import static dev.vigil.classify.ValueEvidence.STRONG;
import static dev.vigil.classify.ValueEvidence.WEAK;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;

/** Tokens, keys and passwords. */
final class CredentialValidators {
    private CredentialValidators() {}

    /**
     * JSON Web Token (JWS or JWE compact form), decoded with Nimbus: the header must parse and name
     * an algorithm. A base64 string that merely starts with {@code eyJ} does not pass.
     */
    static ValueEvidence jwt(String value, boolean keyed) {
        int len = value.length();
        if (len < 20 || len > 16384 || !value.startsWith("eyJ")) {
            return NONE;
        }
        int dots = 0;
        for (int i = 0; i < len; i++) {
            char ch = value.charAt(i);
            if (ch == '.') {
                dots++;
            } else if (!((ch >= 'A' && ch <= 'Z')
                    || (ch >= 'a' && ch <= 'z')
                    || (ch >= '0' && ch <= '9')
                    || ch == '-'
                    || ch == '_'
                    || ch == '=')) {
                return NONE;
            }
        }
        if (dots != 2 && dots != 4) {
            return NONE;
        }
        try {
            JWT jwt = JWTParser.parse(value);
            return jwt.getHeader().getAlgorithm() != null ? STRONG : NONE;
        } catch (ParseException | RuntimeException e) {
            return NONE;
        }
    }

    /**
     * A password or similar secret under a secret-naming key: anything that is not empty, a literal,
     * a mask, or prose (four or more words read as a description, e.g. a password policy).
     */
    static ValueEvidence secret(String value, boolean keyed) {
        if (!keyed
                || value.length() > 4096
                || PersonalValidators.isLiteralWord(value)
                || PersonalValidators.isMasked(value)) {
            return NONE;
        }
        return wordCount(value) >= 4 ? NONE : WEAK;
    }

    /**
     * A bearer token, API key or session id under a token-naming key: at least 8 characters after
     * an optional auth scheme ({@code Bearer …}), no whitespace, not all digits (counters), not a
     * literal or mask. Length alone is not evidence, so this is always weak.
     */
    static ValueEvidence token(String value, boolean keyed) {
        if (!keyed || value.length() < 8 || value.length() > 16384) {
            return NONE;
        }
        String v = value;
        int space = v.indexOf(' ');
        if (space > 0 && space < 16 && isWord(v, space)) {
            v = v.substring(space + 1).strip();
        }
        if (v.length() < 8 || PersonalValidators.hasWhitespace(v) || Checksums.isDigits(v)) {
            return NONE;
        }
        return PersonalValidators.isLiteralWord(v) || PersonalValidators.isMasked(v) ? NONE : WEAK;
    }

    private static boolean isWord(String v, int end) {
        for (int i = 0; i < end; i++) {
            if (!Character.isLetter(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * AWS secret access key: exactly 40 characters of base64 alphabet mixing upper, lower and
     * digits. Many hashes look alike, so it counts only under a secret key name.
     */
    static ValueEvidence awsSecret(String value, boolean keyed) {
        if (value.length() != 40) {
            return NONE;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < 40; i++) {
            char ch = value.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                upper = true;
            } else if (ch >= 'a' && ch <= 'z') {
                lower = true;
            } else if (ch >= '0' && ch <= '9') {
                digit = true;
            } else if (ch != '/' && ch != '+') {
                return NONE;
            }
        }
        return upper && lower && digit ? WEAK : NONE;
    }

    /** A URL whose user-info carries a password: {@code scheme://user:password@host…}. */
    static ValueEvidence urlCredentials(String value, boolean keyed) {
        int scheme = value.indexOf("://");
        if (scheme < 1 || scheme > 32) {
            return NONE;
        }
        int start = scheme + 3;
        int end = value.length();
        for (int i = start; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '/' || ch == '?' || ch == '#' || Character.isWhitespace(ch)) {
                end = i;
                break;
            }
        }
        int at = value.lastIndexOf('@', end - 1);
        if (at <= start) {
            return NONE;
        }
        int colon = value.indexOf(':', start);
        return colon > start && colon < at - 1 ? STRONG : NONE;
    }

    static int wordCount(String value) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < value.length(); i++) {
            boolean space = Character.isWhitespace(value.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
