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
 * identity ({@code $VIGIL_SECRET_ALICE}), JWTs anywhere are replaced, bodies are truncated. The
 * curl command uses the same variables so a user can reproduce with their own secrets.
 */
public final class Redactor {
    private static final Set<String> CREDENTIAL_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final int MAX_BODY = 4096;

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
        String url = redact(a.call().url().toString());
        String reqBody = truncate(redact(a.call().body()));
        return new Evidence(
                a.identity(),
                a.call().method(),
                url,
                req,
                reqBody,
                a.result().status(),
                res,
                truncate(redact(a.result().body())),
                curl(a.call().method(), url, req, reqBody));
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
