package dev.vigil.guard.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Looks for injection signatures (SQL, XSS, OS command, path traversal, JNDI lookups, SSRF to
 * internal or metadata hosts) in the parts of a request a client controls: each decoded path
 * segment, each query parameter value, selected headers, and (after the fact) the captured body.
 * Thread-safe and stateless.
 */
public final class InjectionDetector {
    /** Headers often echoed into logs or pages; all other headers are only checked for JNDI lookups. */
    private static final List<String> SCANNED_HEADERS = List.of("user-agent", "referer", "x-forwarded-host");

    /** Findings in the request head; at most one per location. */
    public List<Detection> inspect(RequestHead head) {
        List<Detection> out = new ArrayList<>(0);
        String path = head.path();
        if (!InjectionSignatures.plainPath(path)) {
            String decodedPath = Decoding.fully(path, false);
            add(out, "path", decodedPath, false);
        }
        for (String[] pair : plainQuery(head.rawQuery()) ? List.<String[]>of() : Decoding.pairs(head.rawQuery())) {
            String value = Decoding.fully(pair[1], true);
            InjectionSignatures.Match m = InjectionSignatures.scan(value, true);
            if (m != null) {
                // The location is built only for a finding: redacting every parameter name is costly.
                String location = "query:" + Redaction.excerpt(Decoding.percentDecode(pair[0], true));
                out.add(new Detection.Injection(m.kind(), location, m.rule(), m.excerpt()));
            }
        }
        // One pass over the header lines the client sent: cheaper than a lookup per name, and a JNDI
        // lookup is found in any header, not only in a list of usual suspects.
        head.headers().forEach((name, value) -> {
            boolean scanned = scanned(name);
            if (scanned || value.contains("${")) {
                // A header name is the client's text too: bounded like a parameter name.
                String location = "header:" + Redaction.excerpt(name.toString().toLowerCase(Locale.ROOT));
                if (!reported(out, location)) {
                    add(out, location, value, false);
                }
            }
        });
        return out;
    }

    /**
     * Findings in a captured request body: form fields and JSON string values are checked one by
     * one; other text as a whole.
     */
    public List<Detection> inspectBody(byte[] body, int length, String contentType) {
        List<Detection> out = new ArrayList<>(0);
        if (body == null || length == 0) {
            return out;
        }
        String text = new String(body, 0, length, StandardCharsets.UTF_8);
        String media = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (media.startsWith("application/x-www-form-urlencoded")) {
            for (String[] pair : Decoding.pairs(text)) {
                InjectionSignatures.Match m = InjectionSignatures.scan(Decoding.fully(pair[1], true), true);
                if (m != null) {
                    String location = "body:" + Redaction.excerpt(Decoding.percentDecode(pair[0], true));
                    out.add(new Detection.Injection(m.kind(), location, m.rule(), m.excerpt()));
                }
            }
        } else if (media.contains("json")) {
            for (String value : JsonStrings.values(text)) {
                add(out, "body:json", value, true);
            }
        } else if (media.startsWith("text/") || media.contains("xml")) {
            add(out, "body", text, false);
        }
        return out;
    }

    /**
     * Whether every name and value of a raw query is already plain (see {@link
     * InjectionSignatures#plain}) without decoding: no '%' or '+' to decode, no second '=' in a pair,
     * no "..". Such a query (the usual {@code page=2&sort=name}) cannot match any signature, so it is
     * not split into pairs at all.
     */
    static boolean plainQuery(String raw) {
        boolean valueStarted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '&') {
                valueStarted = false;
            } else if (c == '=') {
                if (valueStarted) {
                    return false;
                }
                valueStarted = true;
            } else if (c == '+' || !InjectionSignatures.plainChar(c)) {
                return false;
            }
        }
        return !raw.contains("..");
    }

    private static boolean scanned(CharSequence name) {
        for (int i = 0; i < SCANNED_HEADERS.size(); i++) {
            if (equalsIgnoreAsciiCase(SCANNED_HEADERS.get(i), name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreAsciiCase(String lower, CharSequence name) {
        if (lower.length() != name.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean reported(List<Detection> out, String location) {
        for (Detection d : out) {
            if (d instanceof Detection.Injection i && i.location().equals(location)) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Detection> out, String location, String value, boolean ssrf) {
        InjectionSignatures.Match m = InjectionSignatures.scan(value, ssrf);
        if (m != null) {
            out.add(new Detection.Injection(m.kind(), location, m.rule(), m.excerpt()));
        }
    }
}
