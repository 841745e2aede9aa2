package dev.vigil.guard.detect;

import dev.vigil.guard.detect.Detection.InjectionKind;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Injection signatures applied to one decoded value. Each rule needs the syntax of an attack (a
 * quote closing a string and a boolean operator, a tag with an event handler, a shell separator
 * followed by a command), not a keyword alone, so ordinary text such as "O'Reilly", "Union Street"
 * or "Tom &amp; Jerry" passes.
 */
final class InjectionSignatures {
    /**
     * @param needs characters (see {@link #features}) of which a value must contain at least one for
     *     the pattern to be able to match: a necessary condition read off the pattern, so values
     *     without any of them skip the regex (the common case) with the same result
     */
    record Rule(InjectionKind kind, String name, Pattern pattern, long needs) {}

    record Match(InjectionKind kind, String rule, String excerpt) {}

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

    // Feature bits of a value: one per character that some rule requires, and one for the word
    // "union" (the only rule with no required punctuation).
    private static final long QUOTE = 1L;
    private static final long EQUALS = 1L << 1;
    private static final long SEMICOLON = 1L << 2;
    private static final long PAREN = 1L << 3;
    private static final long LT = 1L << 4;
    private static final long COLON = 1L << 5;
    private static final long AMP = 1L << 6;
    private static final long PIPE = 1L << 7;
    private static final long BACKTICK = 1L << 8;
    private static final long DOLLAR = 1L << 9;
    private static final long DOT = 1L << 10;
    private static final long SLASH = 1L << 11;
    private static final long BACKSLASH = 1L << 12;
    private static final long UNION = 1L << 13;
    private static final long[] CHAR_BITS = new long[128];

    static {
        CHAR_BITS['\''] = QUOTE;
        CHAR_BITS['='] = EQUALS;
        CHAR_BITS[';'] = SEMICOLON;
        CHAR_BITS['('] = PAREN;
        CHAR_BITS['<'] = LT;
        CHAR_BITS[':'] = COLON;
        CHAR_BITS['&'] = AMP;
        CHAR_BITS['|'] = PIPE;
        CHAR_BITS['`'] = BACKTICK;
        CHAR_BITS['$'] = DOLLAR;
        CHAR_BITS['.'] = DOT;
        CHAR_BITS['/'] = SLASH;
        CHAR_BITS['\\'] = BACKSLASH;
    }

    static final List<Rule> RULES = List.of(
            rule(
                    InjectionKind.SQL,
                    "sql-quote-boolean",
                    QUOTE,
                    "'\\s*\\)?\\s*(or|and|\\|\\||&&)\\s+\\(?\\s*('[^']*'|\\d+|\\w+)\\s*(=|<>|!=|<|>|like\\b|is\\b)"),
            rule(InjectionKind.SQL, "sql-tautology", EQUALS, "\\b(or|and)\\s+(\\d+)\\s*=\\s*\\2\\b"),
            rule(
                    InjectionKind.SQL,
                    "sql-union-select",
                    UNION,
                    "\\bunion\\b(\\s+(all|distinct))?\\s*\\(?\\s*select\\b\\s*(\\*|null\\b|\\d|@@|'|\"|[\\w$.]+\\s*(\\(|,|\\bfrom\\b))"),
            rule(
                    InjectionKind.SQL,
                    "sql-stacked-query",
                    SEMICOLON,
                    ";\\s*(drop\\s+(table|database)|truncate\\s+table|delete\\s+from|insert\\s+into|update\\s+\\w+\\s+set|alter\\s+table|exec(ute)?\\s+\\w)"),
            rule(
                    InjectionKind.SQL,
                    "sql-time-delay",
                    PAREN | QUOTE,
                    "\\b(sleep|pg_sleep|benchmark)\\s*\\(\\s*\\d|waitfor\\s+delay\\s+'"),
            rule(InjectionKind.SQL, "sql-comment-after-quote", QUOTE, "'\\s*(--|#|/\\*)"),
            rule(InjectionKind.XSS, "xss-script-tag", LT, "<\\s*/?\\s*script\\b"),
            rule(InjectionKind.XSS, "xss-event-handler", LT, "<\\s*[a-z][a-z0-9]*\\b[^>]*?[\\s/]on[a-z]{3,}\\s*="),
            rule(InjectionKind.XSS, "xss-javascript-url", COLON, "(^|[\\s\"'=(])(java|vb)script\\s*:"),
            rule(
                    InjectionKind.XSS,
                    "xss-dangerous-tag",
                    LT,
                    "<\\s*(iframe|frame|object|embed|base|meta\\s+http-equiv)\\b"),
            rule(
                    InjectionKind.COMMAND,
                    "command-separator",
                    SEMICOLON | AMP | PIPE | BACKTICK | DOLLAR,
                    "(;|&&|\\|\\|?|`|\\$\\()\\s*(cat|ls|id|whoami|uname|wget|curl|nc|ncat|bash|sh|zsh|ping|rm|chmod|python[0-9.]*|perl|php|powershell|cmd(\\.exe)?)\\b"),
            rule(InjectionKind.COMMAND, "command-ifs", DOLLAR, "\\$\\{?IFS\\}?"),
            rule(InjectionKind.PATH_TRAVERSAL, "path-dot-dot", DOT, "(^|[/\\\\])\\.\\.([/\\\\]|$)"),
            rule(
                    InjectionKind.PATH_TRAVERSAL,
                    "path-sensitive-file",
                    SLASH | BACKSLASH,
                    "(/etc/(passwd|shadow|hosts)\\b|/proc/self/|[a-z]:\\\\windows\\\\|\\\\windows\\\\system32|web-inf/web\\.xml)"),
            rule(
                    InjectionKind.JNDI,
                    "jndi-lookup",
                    DOLLAR,
                    "\\$\\{\\s*(jndi|\\$\\{|(lower|upper|env|sys|date|main|base64)\\s*:)"));

    /** Hosts that give out cloud credentials or reach the guard's own machine. */
    private static final Set<String> SSRF_HOSTS = Set.of(
            "169.254.169.254",
            "169.254.170.2",
            "metadata.google.internal",
            "metadata.goog",
            "metadata",
            "100.100.100.200",
            "fd00:ec2::254",
            "[fd00:ec2::254]",
            "2852039166",
            "0xa9fea9fe",
            "0251.0376.0251.0376",
            "localhost",
            "0.0.0.0",
            "[::1]",
            "::1",
            "[::]");

    private static final Pattern URL_LIKE = Pattern.compile("^\\s*(https?|gopher|dict|ftp|ldap|file)://", FLAGS);

    private InjectionSignatures() {}

    private static Rule rule(InjectionKind kind, String name, long needs, String regex) {
        return new Rule(kind, name, Pattern.compile(regex, FLAGS), needs);
    }

    /** The feature bits of {@code v}, in one pass. */
    static long features(String v) {
        long f = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128) {
                f |= CHAR_BITS[c];
                if ((c == 'u' || c == 'U') && v.regionMatches(true, i, "union", 0, 5)) {
                    f |= UNION;
                }
            }
        }
        return f;
    }

    /** Values made only of these characters cannot carry any signature, so they skip the regexes. */
    static boolean plain(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (!plainChar(v.charAt(i))) {
                return false;
            }
        }
        return !v.contains("..");
    }

    /** As {@link #plain}, for a path: its slashes are plain too. */
    static boolean plainPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' && !plainChar(c)) {
                return false;
            }
        }
        return !path.contains("..");
    }

    static boolean plainChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '@'
                || c == ','
                || c == '~'
                || c == '+';
    }

    /** The first matching rule, or null. */
    static Match scan(String value, boolean includeSsrf) {
        if (value.isEmpty() || plain(value)) {
            return null;
        }
        long features = features(value);
        for (Rule r : RULES) {
            if ((features & r.needs()) == 0) {
                continue;
            }
            Matcher m = r.pattern().matcher(value);
            if (m.find()) {
                int from = Math.max(0, m.start() - 8);
                int to = Math.min(value.length(), m.end() + 8);
                return new Match(r.kind(), r.name(), value.substring(from, to));
            }
        }
        // Every URL_LIKE scheme is followed by "://".
        if (includeSsrf && (features & COLON) != 0) {
            String host = ssrfTarget(value);
            if (host != null) {
                return new Match(InjectionKind.SSRF, "ssrf-internal-target", host);
            }
        }
        return null;
    }

    /** The internal host a URL-valued parameter points at, or null. */
    static String ssrfTarget(String value) {
        Matcher m = URL_LIKE.matcher(value);
        if (!m.find()) {
            return null;
        }
        if (m.group(1).equalsIgnoreCase("file")) {
            return "file://";
        }
        String host;
        try {
            host = URI.create(value.trim().replace(" ", "%20")).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            // Hosts java.net.URI rejects (underscores, odd encodings): take the authority by hand.
            // m.end() counts leading blanks, so the rest is cut from the untrimmed value.
            String rest = value.substring(m.end()).trim();
            int end = 0;
            while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
                end++;
            }
            host = rest.substring(0, end);
            int at = host.lastIndexOf('@');
            host = at >= 0 ? host.substring(at + 1) : host;
            if (!host.startsWith("[")) {
                int colon = host.lastIndexOf(':');
                host = colon >= 0 ? host.substring(0, colon) : host;
            }
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (SSRF_HOSTS.contains(h) || h.startsWith("127.") || h.startsWith("169.254.") || h.endsWith(".localhost")) {
            return h;
        }
        return null;
    }
}
