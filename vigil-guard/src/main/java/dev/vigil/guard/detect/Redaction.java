package dev.vigil.guard.detect;

import java.util.regex.Pattern;

/** Shortens and masks text before it leaves the guard as evidence. */
public final class Redaction {
    private static final int MAX = 48;
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{6,}");
    private static final Pattern LONG_TOKENS = Pattern.compile("[A-Za-z0-9_\\-+/=.]{24,}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]");

    private Redaction() {}

    /** At most 48 characters, long digit runs (card or account numbers) and token-like strings masked. */
    public static String excerpt(String s) {
        if (s == null) {
            return "";
        }
        String masked = LONG_DIGITS.matcher(s).replaceAll("<digits>");
        masked = LONG_TOKENS.matcher(masked).replaceAll("<redacted>");
        masked = CONTROL.matcher(masked).replaceAll("?");
        return masked.length() > MAX ? masked.substring(0, MAX) + "…" : masked;
    }
}
