package dev.vigil.discovery;

/**
 * Recognises identifier-shaped path segments by character scans (no regular expressions: this runs for
 * every segment of every exchange).
 */
final class SegmentClassifier {
    private SegmentClassifier() {}

    /** The identifier type of {@code s}, or {@code null} when it may be a literal route word. */
    static SegmentType classify(String s) {
        int n = s.length();
        if (n == 0) {
            return null;
        }
        int digits = 0;
        int lowerHex = 0;
        int upperHex = 0;
        int otherLetters = 0;
        boolean base64url = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'a' && c <= 'f') {
                lowerHex++;
            } else if (c >= 'A' && c <= 'F') {
                upperHex++;
            } else if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z')) {
                otherLetters++;
            } else if (c != '-' && c != '_') {
                base64url = false;
            }
        }
        if (digits == n) {
            return n <= 19 ? SegmentType.INTEGER : SegmentType.TOKEN;
        }
        if (n == 36 && isUuid(s)) {
            return SegmentType.UUID;
        }
        if (base64url && otherLetters == 0 && digits + lowerHex + upperHex == n && (lowerHex == 0 || upperHex == 0)) {
            SegmentType hex = hexType(n, digits);
            if (hex != null) {
                return hex;
            }
        }
        if (n == 26 && isUlid(s)) {
            return SegmentType.ULID;
        }
        if (n >= 10 && s.charAt(4) == '-' && isDate(s, 0)) {
            if (n == 10) {
                return SegmentType.DATE;
            }
            if ((s.charAt(10) == 'T' || s.charAt(10) == 't') && n >= 16 && isTime(s, 11)) {
                return SegmentType.DATE_TIME;
            }
        }
        if (!base64url) {
            if (isEmail(s)) {
                return SegmentType.EMAIL;
            }
            return null;
        }
        if (digits > 0 && isOpaqueToken(s) || isPrefixedId(s)) {
            return SegmentType.TOKEN;
        }
        return null;
    }

    /** {@code v1}, {@code v2}, {@code v1beta1}, {@code v2alpha3}, {@code v1rc2}: API versions, never parameters. */
    static boolean isVersionToken(String s) {
        int n = s.length();
        if (n < 2 || (s.charAt(0) != 'v' && s.charAt(0) != 'V')) {
            return false;
        }
        int i = 1;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 1 || i - 1 > 3) {
            return false;
        }
        if (i == n) {
            return true;
        }
        String rest = s.substring(i);
        for (String stage : new String[] {"alpha", "beta", "rc"}) {
            if (rest.startsWith(stage)) {
                for (int j = stage.length(); j < rest.length(); j++) {
                    if (!isDigit(rest.charAt(j))) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** A whole-segment ISO date such as {@code 2023-10-16}; as a first segment it is an API version. */
    static boolean isDateSegment(String s) {
        return s.length() == 10 && s.charAt(4) == '-' && isDate(s, 0);
    }

    private static SegmentType hexType(int n, int digits) {
        if (n == 32 || n == 40 || n == 64 || n == 128) {
            return SegmentType.HASH;
        }
        if (n == 24) {
            return SegmentType.HEX; // MongoDB ObjectId
        }
        // Shorter hex is only an id when it mixes digits and letters (else "deadbeef" or "facade" are words).
        if (n >= 7 && digits > 0 && digits < n) {
            return SegmentType.HEX;
        }
        return null;
    }

    private static boolean isUuid(String s) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUlid(String s) {
        char first = s.charAt(0);
        if (first < '0' || first > '7') {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < 26; i++) {
            char c = Character.toUpperCase(s.charAt(i));
            if (isDigit(c)) {
                continue;
            }
            if (c < 'A' || c > 'Z' || c == 'I' || c == 'L' || c == 'O' || c == 'U') {
                return false;
            }
            letter = true;
        }
        return letter;
    }

    private static boolean isDate(String s, int at) {
        if (s.length() < at + 10 || s.charAt(at + 4) != '-' || s.charAt(at + 7) != '-') {
            return false;
        }
        int year = number(s, at, 4);
        int month = number(s, at + 5, 2);
        int day = number(s, at + 8, 2);
        return year >= 1900 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static boolean isTime(String s, int at) {
        if (s.length() < at + 5 || s.charAt(at + 2) != ':') {
            return false;
        }
        int hour = number(s, at, 2);
        int minute = number(s, at + 3, 2);
        return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
    }

    private static int number(String s, int at, int length) {
        int value = 0;
        for (int i = at; i < at + length; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isEmail(String s) {
        int at = s.indexOf('@');
        int encodedAt = at < 0 ? s.indexOf("%40") : -1;
        int split = at >= 0 ? at : encodedAt;
        if (split <= 0 || (at >= 0 && s.indexOf('@', at + 1) >= 0)) {
            return false;
        }
        String domain = s.substring(split + (at >= 0 ? 1 : 3));
        int dot = domain.lastIndexOf('.');
        return dot > 0 && dot < domain.length() - 2 && domain.indexOf('/') < 0;
    }

    /**
     * Long runs of letters and digits switching back and forth are random identifiers; words and slugs
     * ({@code release-notes-2023}, {@code x509-certificates}) switch rarely.
     */
    private static boolean isOpaqueToken(String s) {
        int n = s.length();
        if (n < 16) {
            return false;
        }
        int switches = 0;
        int kind = 0; // 1 letter, 2 digit, 0 separator
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int k = isDigit(c) ? 2 : (c == '-' || c == '_') ? 0 : 1;
            if (k != 0 && kind != 0 && k != kind) {
                switches++;
            }
            kind = k;
        }
        return switches >= 4;
    }

    /**
     * Stripe-style {@code cus_9s6XKzkNRiz8i3}: a short lowercase prefix, an underscore, and a random tail
     * of at least eight characters mixing digits with letters.
     */
    private static boolean isPrefixedId(String s) {
        int underscore = s.indexOf('_');
        if (underscore < 1 || underscore > 12) {
            return false;
        }
        for (int i = 0; i < underscore; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        String tail = s.substring(underscore + 1);
        if (tail.length() < 8) {
            return false;
        }
        int digits = 0;
        int upper = 0;
        int caseSwitches = 0;
        boolean previousUpper = false;
        for (int i = 0; i < tail.length(); i++) {
            char c = tail.charAt(i);
            boolean isUpper = c >= 'A' && c <= 'Z';
            if (isDigit(c)) {
                digits++;
            } else if (!isUpper && !(c >= 'a' && c <= 'z')) {
                return false;
            }
            if (isUpper) {
                upper++;
            }
            if (i > 0 && !isDigit(c) && isUpper != previousUpper) {
                caseSwitches++;
            }
            if (!isDigit(c)) {
                previousUpper = isUpper;
            }
        }
        if (digits == 0) {
            // random base62 without a digit: case flips far more often than in camelCase words
            return tail.length() >= 12 && caseSwitches >= 6;
        }
        return (upper > 0 || digits >= 3) && digits < tail.length();
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
