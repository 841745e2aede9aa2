package dev.vigil.discovery;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which cookies identify a session. A cookie is a session cookie when it is configured as one, when
 * its name says so by convention ({@code *_session}, {@code *.sid}, {@code *sessionid},
 * {@code session-token}…), or when a login response sets it HttpOnly. Anti-CSRF, load-balancer,
 * bot-protection, analytics and preference cookies never are, whatever else they look like.
 */
final class SessionCookies {
    private static final Pattern CONVENTIONAL = Pattern.compile(
            "(?i)^(?:__(?:host|secure)-)?(?:.*[._-])?(?:sess|session|sessid|sessionid|session[-_]?id|sid|session[-_.]?token)$");
    private static final Pattern NEVER = Pattern.compile(
            "(?i)^(?:.*(?:csrf|xsrf).*|__cf.*|_cf.*|cf_.*|awsalb.*|awselb.*|ak_bmsc|bm_.*|_ga.*|_gid|_fbp|__utm.*|_hj.*"
                    + "|.*consent.*|lang|language|locale|theme|timezone|tz)$");
    private static final Pattern LOGIN_PATH = Pattern.compile(
            "(?i).*/(?:log-?in|sign-?in|sign-?on|sessions?|auth|authenticate|authorize|sso|callback)(?:[/.].*)?$");

    private SessionCookies() {}

    static boolean excluded(String name) {
        return NEVER.matcher(name).matches();
    }

    /** Session cookie by configuration or naming convention, with a value that is not a placeholder. */
    static boolean isSession(String name, String value, AuthConfig config) {
        if (excluded(name) || !Credentials.present(value)) {
            return false;
        }
        return config.sessionCookies().contains(name.toLowerCase(Locale.ROOT))
                || CONVENTIONAL.matcher(name).matches();
    }

    /** A path that by convention performs a login. */
    static boolean loginPath(String path) {
        return LOGIN_PATH.matcher(path).matches();
    }

    /** One Set-Cookie header: the cookie name and whether it is HttpOnly and actually set (not cleared). */
    record SetCookie(String name, String value, boolean httpOnly, boolean cleared) {
        static Optional<SetCookie> parse(String header) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            boolean httpOnly = false;
            boolean cleared = !Credentials.present(value.replace("\"", ""));
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
                if (attribute.equals("httponly")) {
                    httpOnly = true;
                } else if (attribute.startsWith("max-age=")) {
                    String age = attribute.substring(8).trim();
                    cleared |= age.startsWith("-") || age.equals("0");
                } else if (attribute.startsWith("expires=") && attribute.contains("1970")) {
                    cleared = true;
                }
            }
            return Optional.of(new SetCookie(name, value, httpOnly, cleared));
        }
    }
}
