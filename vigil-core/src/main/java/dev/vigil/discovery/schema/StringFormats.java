package dev.vigil.discovery.schema;

/**
 * Recognises the JSON Schema string formats worth documenting, by character scans rather than regular
 * expressions because it runs on every string value seen. Each format is a bit; a field keeps the
 * formats that every one of its samples satisfied.
 */
final class StringFormats {
    static final int UUID = 1;
    static final int DATE = 1 << 1;
    static final int DATE_TIME = 1 << 2;
    static final int EMAIL = 1 << 3;
    static final int URI = 1 << 4;
    static final int IPV4 = 1 << 5;
    static final int ALL = UUID | DATE | DATE_TIME | EMAIL | URI | IPV4;

    private StringFormats() {}

    static int of(String s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        if (n == 36 && isUuid(s)) {
            return UUID;
        }
        if (n == 10 && isDate(s, 0)) {
            return DATE;
        }
        if (n >= 19 && isDate(s, 0) && (s.charAt(10) == 'T' || s.charAt(10) == 't') && isTime(s, 11)) {
            return DATE_TIME;
        }
        if (s.startsWith("http://") || s.startsWith("https://")) {
            return s.indexOf(' ') < 0 ? URI : 0;
        }
        if (n <= 15 && isIpv4(s)) {
            return IPV4;
        }
        int at = s.indexOf('@');
        if (at > 0
                && at == s.lastIndexOf('@')
                && s.indexOf('.', at) > at + 1
                && !s.endsWith(".")
                && s.indexOf(' ') < 0) {
            return EMAIL;
        }
        return 0;
    }

    /** The single format name to publish for a mask, or null when none held for every sample. */
    static String name(int mask) {
        return switch (mask) {
            case UUID -> "uuid";
            case DATE -> "date";
            case DATE_TIME -> "date-time";
            case EMAIL -> "email";
            case URI -> "uri";
            case IPV4 -> "ipv4";
            default -> null;
        };
    }

    private static boolean isUuid(String s) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDate(String s, int o) {
        return digits(s, o, 4)
                && s.charAt(o + 4) == '-'
                && digits(s, o + 5, 2)
                && s.charAt(o + 7) == '-'
                && digits(s, o + 8, 2)
                && month(s, o + 5)
                && day(s, o + 8);
    }

    private static boolean isTime(String s, int o) {
        return digits(s, o, 2)
                && s.charAt(o + 2) == ':'
                && digits(s, o + 3, 2)
                && s.charAt(o + 5) == ':'
                && digits(s, o + 6, 2);
    }

    private static boolean month(String s, int o) {
        int m = (s.charAt(o) - '0') * 10 + (s.charAt(o + 1) - '0');
        return m >= 1 && m <= 12;
    }

    private static boolean day(String s, int o) {
        int d = (s.charAt(o) - '0') * 10 + (s.charAt(o + 1) - '0');
        return d >= 1 && d <= 31;
    }

    private static boolean isIpv4(String s) {
        int parts = 0;
        int value = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 3 && value >= 0;
    }

    private static boolean digits(String s, int o, int count) {
        if (o + count > s.length()) {
            return false;
        }
        for (int i = o; i < o + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
