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
     * One signature. {@code needs} lists characters of which the pattern cannot match without at
     * least one, and {@code keyword} (lower case, may be empty) a text it cannot match without:
     * a value lacking them skips the regex, which keeps long bodies cheap to scan.
     */
    record Rule(InjectionKind kind, String name, Pattern pattern, String needs, String keyword) {}

    record Match(InjectionKind kind, String rule, String excerpt) {}

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

    static final List<Rule> RULES = List.of(
            rule(
                    InjectionKind.SQL,
                    "sql-quote-boolean",
                    "'\\s*\\)?\\s*(or|and|\\|\\||&&)\\s+\\(?\\s*('[^']*'|\\d+|\\w+)\\s*(=|<>|!=|<|>|like\\b|is\\b)",
                    "'",
                    ""),
            rule(InjectionKind.SQL, "sql-tautology", "\\b(or|and)\\s+(\\d+)\\s*=\\s*\\2\\b", "=", ""),
            rule(
                    InjectionKind.SQL,
                    "sql-union-select",
                    "\\bunion\\b(\\s+(all|distinct))?\\s*\\(?\\s*select\\b\\s*(\\*|null\\b|\\d|@@|'|\"|[\\w$.]+\\s*(\\(|,|\\bfrom\\b))",
                    "",
                    "union"),
            rule(
                    InjectionKind.SQL,
                    "sql-stacked-query",
                    ";\\s*(drop\\s+(table|database)|truncate\\s+table|delete\\s+from|insert\\s+into|update\\s+\\w+\\s+set|alter\\s+table|exec(ute)?\\s+\\w)",
                    ";",
                    ""),
            rule(
                    InjectionKind.SQL,
                    "sql-time-delay",
                    "\\b(sleep|pg_sleep|benchmark)\\s*\\(\\s*\\d|waitfor\\s+delay\\s+'",
                    "('",
                    ""),
            rule(InjectionKind.SQL, "sql-comment-after-quote", "'\\s*(--|#|/\\*)", "'", ""),
            rule(InjectionKind.XSS, "xss-script-tag", "<\\s*/?\\s*script\\b", "<", ""),
            rule(InjectionKind.XSS, "xss-event-handler", "<\\s*[a-z][a-z0-9]*\\b[^>]*?[\\s/]on[a-z]{3,}\\s*=", "<", ""),
            rule(InjectionKind.XSS, "xss-javascript-url", "(^|[\\s\"'=(])(java|vb)script\\s*:", ":", ""),
            rule(
                    InjectionKind.XSS,
                    "xss-dangerous-tag",
                    "<\\s*(iframe|frame|object|embed|base|meta\\s+http-equiv)\\b",
                    "<",
                    ""),
            rule(
                    InjectionKind.COMMAND,
                    "command-separator",
                    "(;|&&|\\|\\|?|`|\\$\\()\\s*(cat|ls|id|whoami|uname|wget|curl|nc|ncat|bash|sh|zsh|ping|rm|chmod|python[0-9.]*|perl|php|powershell|cmd(\\.exe)?)\\b",
                    ";&|`$",
                    ""),
            rule(InjectionKind.COMMAND, "command-ifs", "\\$\\{?IFS\\}?", "$", ""),
            rule(InjectionKind.PATH_TRAVERSAL, "path-dot-dot", "(^|[/\\\\])\\.\\.([/\\\\]|$)", "", ".."),
            rule(
                    InjectionKind.PATH_TRAVERSAL,
                    "path-sensitive-file",
                    "(/etc/(passwd|shadow|hosts)\\b|/proc/self/|[a-z]:\\\\windows\\\\|\\\\windows\\\\system32|web-inf/web\\.xml)",
                    "/\\",
                    ""),
            rule(
                    InjectionKind.JNDI,
                    "jndi-lookup",
                    "\\$\\{\\s*(jndi|\\$\\{|(lower|upper|env|sys|date|main|base64)\\s*:)",
                    "",
                    "${"));

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

    private static Rule rule(InjectionKind kind, String name, String regex, String needs, String keyword) {
        return new Rule(kind, name, Pattern.compile(regex, FLAGS), needs, keyword);
    }

    /** Values made only of these characters cannot carry any signature, so they skip the regexes. */
    static boolean plain(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '@'
                    || c == ','
                    || c == '~'
                    || c == '+';
            if (!ok) {
                return false;
            }
        }
        return !v.contains("..");
    }

    /** The first matching rule, or null. */
    static Match scan(String value, boolean includeSsrf) {
        if (value.isEmpty() || plain(value)) {
            return null;
        }
        long[] present = asciiPresent(value);
        String lower = null;
        for (Rule r : RULES) {
            if (!r.needs().isEmpty() && !anyPresent(present, r.needs())) {
                continue;
            }
            if (!r.keyword().isEmpty()) {
                if (lower == null) {
                    lower = value.toLowerCase(Locale.ROOT);
                }
                if (!lower.contains(r.keyword())) {
                    continue;
                }
            }
            Matcher m = r.pattern().matcher(value);
            if (m.find()) {
                int from = Math.max(0, m.start() - 8);
                int to = Math.min(value.length(), m.end() + 8);
                return new Match(r.kind(), r.name(), value.substring(from, to));
            }
        }
        if (includeSsrf) {
            String host = ssrfTarget(value);
            if (host != null) {
                return new Match(InjectionKind.SSRF, "ssrf-internal-target", host);
            }
        }
        return null;
    }

    /** Which ASCII characters occur in {@code value}, as a 128-bit set. */
    private static long[] asciiPresent(String value) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 64) {
                lo |= 1L << c;
            } else if (c < 128) {
                hi |= 1L << (c - 64);
            }
        }
        return new long[] {lo, hi};
    }

    private static boolean anyPresent(long[] present, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 64 ? (present[0] & (1L << c)) != 0 : (present[1] & (1L << (c - 64))) != 0) {
                return true;
            }
        }
        return false;
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
            String rest = value.trim().substring(m.end());
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
