package dev.vigil.classify;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts secrets inside free text (logs, HTML, plain bodies, long JSON strings) in passes, most
 * specific first: PEM private keys, auth-scheme credentials, XML elements, {@code key=value} /
 * {@code "key": "value"} pairs judged with their key or element name, grouped card and international phone numbers, then every
 * remaining token judged on its own.
 */
final class TextRedactor {
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----"
            + "(?:[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|[\\s\\S]*\\z)");
    private static final Pattern AUTH_SCHEME =
            Pattern.compile("(?i)\\b(Bearer|Basic|Token|Digest|Negotiate|Bot)(\\s+)([A-Za-z0-9._~+/=:-]{8,})");
    private static final Pattern PAIR = Pattern.compile(
            "([\"']?)([A-Za-z_][A-Za-z0-9_.\\-]{0,63})\\1\\s*[:=]\\s*(?:\"([^\"\\\\\\r\\n]{1,4096})\"|'([^'\\r\\n]{1,4096})'|([^\\s\"'&;,<>(){}\\[\\]]{1,4096}))");
    private static final Pattern XML_ELEMENT =
            Pattern.compile("<([A-Za-z_][A-Za-z0-9_.:\\-]{0,63})(\\s[^<>]{0,1024})?>([^<]{1,4096})</\\1\\s*>");
    private static final Pattern DIGIT_GROUPS = Pattern.compile("(?<![0-9])[0-9]{4}(?:[ -]?[0-9]{2,6}){2,4}(?![0-9])");
    private static final Pattern INTERNATIONAL_PHONE =
            Pattern.compile("(?<![0-9A-Za-z+])\\+[0-9][0-9 ().-]{5,20}[0-9]");
    private static final Pattern TOKEN = Pattern.compile("[^\\s\"'<>(){}\\[\\],;|\\\\`]+");

    private final Classifier classifier;

    TextRedactor(Classifier classifier) {
        this.classifier = classifier;
    }

    String redact(String text) {
        String out = replace(PEM, text, m -> Redactor.PLACEHOLDER_PREFIX + "private_key>");
        out = replace(
                AUTH_SCHEME,
                out,
                m -> tokenLike(m.group(3))
                        ? m.group(1) + m.group(2) + Redactor.PLACEHOLDER_PREFIX + "credentials>"
                        : null);
        out = replace(XML_ELEMENT, out, this::redactElement);
        out = replace(PAIR, out, this::redactPair);
        out = replace(DIGIT_GROUPS, out, m -> whole("", m.group()));
        out = replace(INTERNATIONAL_PHONE, out, m -> whole("", m.group()));
        out = replace(TOKEN, out, m -> token(m.group()));
        return out;
    }

    /**
     * Scheme words are ordinary English ("Basic information"), so what follows must look like a
     * credential: a digit, a token punctuation character, or mixed case.
     */
    static boolean tokenLike(String s) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch >= '0' && ch <= '9') || "._~+/=-:".indexOf(ch) >= 0) {
                return true;
            }
            upper |= Character.isUpperCase(ch);
            lower |= Character.isLowerCase(ch);
        }
        return upper && lower;
    }

    private String redactPair(MatchResult m) {
        int group = m.group(3) != null ? 3 : m.group(4) != null ? 4 : 5;
        String value = m.group(group);
        if (value.startsWith(Redactor.PLACEHOLDER_PREFIX)) {
            return null;
        }
        List<Match> matches = classifier.classify(m.group(2), value);
        if (matches.isEmpty()) {
            return null;
        }
        String whole = m.group();
        int start = m.start(group) - m.start();
        int end = m.end(group) - m.start();
        return whole.substring(0, start) + Redactor.placeholder(matches.get(0), value) + whole.substring(end);
    }

    private String redactElement(MatchResult m) {
        String name = m.group(1);
        int colon = name.lastIndexOf(':');
        List<Match> matches = classifier.classify(name.substring(colon + 1), m.group(3));
        if (matches.isEmpty()) {
            return null;
        }
        String whole = m.group();
        int start = m.start(3) - m.start();
        int end = m.end(3) - m.start();
        return whole.substring(0, start) + Redactor.placeholder(matches.get(0), m.group(3)) + whole.substring(end);
    }

    private String whole(String key, String candidate) {
        List<Match> matches = classifier.classify(key, candidate);
        return matches.isEmpty() ? null : Redactor.placeholder(matches.get(0), candidate);
    }

    private String token(String token) {
        if (token.length() < 6 || token.startsWith(Redactor.PLACEHOLDER_PREFIX)) {
            return null;
        }
        String core = token;
        while (!core.isEmpty() && ".:!?".indexOf(core.charAt(core.length() - 1)) >= 0) {
            core = core.substring(0, core.length() - 1);
        }
        String replaced = whole("", core);
        return replaced == null ? null : replaced + token.substring(core.length());
    }

    /** Replaces each match by {@code f}'s answer, or leaves it when {@code f} answers null. */
    private static String replace(Pattern p, String text, Function<MatchResult, String> f) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        do {
            String r = f.apply(m.toMatchResult());
            if (r != null) {
                sb.append(text, last, m.start()).append(r);
                last = m.end();
            }
        } while (m.find());
        return sb.append(text, last, text.length()).toString();
    }
}
