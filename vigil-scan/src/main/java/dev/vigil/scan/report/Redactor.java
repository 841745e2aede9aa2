package dev.vigil.scan.report;

import dev.vigil.scan.http.Attempt;
import dev.vigil.traffic.Header;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw attempts into {@link Evidence} that is safe to store and show: credential headers keep
 * only their scheme, every known secret value is replaced by a shell variable named after its
 * identity ({@code $VIGIL_SECRET_ALICE}), JWTs anywhere are replaced, values of query parameters,
 * form fields and JSON string fields with a secret-looking name ({@code password}, {@code
 * client_secret}, {@code access_token}, {@code api_key}, {@code session_id}, …) become {@code
 * [REDACTED]}, bodies are truncated. The curl command uses the same variables so a user can
 * reproduce with their own secrets.
 */
public final class Redactor {
    private static final Set<String> CREDENTIAL_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final int MAX_BODY = 4096;
    private static final List<String> SECRET_NAME_PARTS = List.of(
            "password", "passwd", "secret", "token", "apikey", "sessionid", "signature", "credential", "privatekey");
    private static final Set<String> SECRET_NAMES = Set.of("pwd", "sid", "sig", "pin", "otp", "cvv", "cvc");
    private static final Pattern JSON_STRING_FIELD =
            Pattern.compile("\"([^\"\\\\]{1,64})\"(\\s*:\\s*)\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"");
    private static final Pattern FORM_PAIR = Pattern.compile("(^|[?&])([^=&#]+)=([^&#]*)");

    private final Map<String, String> secretToVariable = new LinkedHashMap<>();

    /** {@code secrets}: identity name → its secret values (tokens, passwords, keys, cookies). */
    public Redactor(Map<String, List<String>> secrets) {
        secrets.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String variable =
                    "$VIGIL_SECRET_" + e.getKey().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            e.getValue().stream().filter(s -> s.length() >= 4).forEach(s -> secretToVariable.putIfAbsent(s, variable));
        });
    }

    public String redact(String text) {
        String out = text;
        // longest first so a secret that contains another is replaced whole
        List<String> ordered = new ArrayList<>(secretToVariable.keySet());
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        for (String s : ordered) {
            out = out.replace(s, secretToVariable.get(s));
        }
        Matcher m = JWT.matcher(out);
        return m.replaceAll("[REDACTED-JWT]");
    }

    public Evidence evidence(Attempt a) {
        List<Header> req = new ArrayList<>();
        for (Header h : a.call().headers()) {
            req.add(new Header(h.name(), headerValue(h)));
        }
        List<Header> res = new ArrayList<>();
        for (Header h : a.result().headers()) {
            res.add(new Header(h.name(), headerValue(h)));
        }
        res.sort(Comparator.comparing(h -> h.name().toLowerCase(Locale.ROOT)));
        String url = secretPairs(redact(a.call().url().toString()));
        String reqBody = truncate(secretFields(redact(a.call().body()), a.call().header("content-type")));
        return new Evidence(
                a.identity(),
                a.call().method(),
                url,
                req,
                reqBody,
                a.result().status(),
                res,
                truncate(secretFields(redact(a.result().body()), a.result().header("content-type"))),
                curl(a.call().method(), url, req, reqBody),
                a.result().millis());
    }

    /** Whether a parameter or field name says its value is a secret (case, '-' and '_' ignored). */
    static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return SECRET_NAMES.contains(n) || SECRET_NAME_PARTS.stream().anyMatch(n::contains);
    }

    /** Values of secret-named {@code name=value} pairs (a URL's query, a form body). */
    static String secretPairs(String text) {
        return FORM_PAIR
                .matcher(text)
                .replaceAll(m -> secretName(m.group(2)) && !isVariable(m.group(3))
                        ? Matcher.quoteReplacement(m.group(1) + m.group(2) + "=[REDACTED]")
                        : Matcher.quoteReplacement(m.group()));
    }

    /** JSON string fields with secret names, anywhere in a body; a form body's secret-named fields. */
    static String secretFields(String body, java.util.Optional<String> contentType) {
        if (contentType.isPresent()
                && contentType.get().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return secretPairs(body);
        }
        if (body.indexOf('"') < 0) {
            return body;
        }
        return JSON_STRING_FIELD
                .matcher(body)
                .replaceAll(m -> secretName(m.group(1)) && !isVariable(m.group(3))
                        ? Matcher.quoteReplacement("\"" + m.group(1) + "\"" + m.group(2) + "\"[REDACTED]\"")
                        : Matcher.quoteReplacement(m.group()));
    }

    // a known secret already replaced by its variable stays reproducible in curl
    private static boolean isVariable(String value) {
        return value.contains("$VIGIL_SECRET_") || value.equals("[REDACTED]") || value.equals("[REDACTED-JWT]");
    }

    private String headerValue(Header h) {
        String v = redact(h.value());
        if (!CREDENTIAL_HEADERS.contains(h.name().toLowerCase(Locale.ROOT)) || v.contains("$VIGIL_SECRET_")) {
            return v;
        }
        // an unknown credential (e.g. a session cookie set by the target): keep its shape only
        if (h.named("cookie")) {
            return v.replaceAll("=([^;\\s]+)", "=[REDACTED]");
        }
        if (h.named("set-cookie")) {
            // only the cookie's own value; attributes (Path, Expires, ...) stay readable
            return v.replaceFirst("=([^;\\s]+)", "=[REDACTED]");
        }
        int space = v.indexOf(' ');
        return space > 0 ? v.substring(0, space) + " [REDACTED]" : "[REDACTED]";
    }

    private static String truncate(String body) {
        return body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + "…[truncated]";
    }

    /** A POSIX shell command; secret variables stay expandable, everything else is quoted literally. */
    static String curl(String method, String url, List<Header> headers, String body) {
        StringBuilder out =
                new StringBuilder("curl -i -X ").append(method).append(' ').append(quote(url));
        for (Header h : headers) {
            out.append(" -H ").append(quote(h.name() + ": " + h.value()));
        }
        if (!body.isEmpty()) {
            out.append(" --data-raw ").append(quote(body));
        }
        return out.toString();
    }

    private static String quote(String s) {
        String escaped = s.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("`", "\\`")
                .replace("$", "\\$");
        return "\"" + escaped.replace("\\$VIGIL_SECRET_", "$VIGIL_SECRET_") + "\"";
    }
}
