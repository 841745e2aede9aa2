package dev.vigil.scan.identity;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An expected access requirement: operations matching {@code method} ({@code *} for any) and the
 * path glob ({@code *} one segment, {@code **} any number) need at least role {@code minRole}.
 */
public record AccessRule(String method, String pathGlob, String minRole) {
    public AccessRule {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(pathGlob, "pathGlob");
        Objects.requireNonNull(minRole, "minRole");
    }

    public boolean matches(String requestMethod, String pathTemplate) {
        return ("*".equals(method) || method.equalsIgnoreCase(requestMethod))
                && globPattern(pathGlob).matcher(pathTemplate).matches();
    }

    /** Glob to regex: {@code **} spans segments, {@code *} stays inside one, {@code {x}} matches a template segment. */
    public static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
