package dev.vigil.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short excerpts of quarantined records with obvious secrets removed: values of credential-like
 * headers, cookies and fields, credentials after an auth scheme, and secret-looking query values.
 * Redaction happens before the cut, so a secret can never survive by straddling the limit.
 */
final class Excerpts {
    static final int MAX_CHARS = 200;
    static final String REDACTED = "[redacted]";

    private static final String SECRET_NAME =
            "[\\w.-]*(?:auth|cookie|token|secret|key|pass|session|sid|sig|credential)[\\w.-]*";
    private static final Pattern SCHEME_CREDENTIALS =
            Pattern.compile("(?i)\\b(bearer|basic|digest|negotiate|token|apikey)(\\s+)[^\\s\",;}]+");
    private static final Pattern JSON_SECRET_FIELD =
            Pattern.compile("(?i)(\"" + SECRET_NAME + "\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*");
    private static final Pattern NAME_VALUE_SECRET = Pattern.compile(
            "(?i)(\"name\"\\s*:\\s*\"" + SECRET_NAME + "\"\\s*,\\s*\"value\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*");
    private static final Pattern ESCAPED_JSON_SECRET_FIELD =
            Pattern.compile("(?i)(\\\\\"" + SECRET_NAME + "\\\\\"\\s*:\\s*\\\\\")[^\\\\\"]*");
    private static final Pattern PAIR_SECRET = Pattern.compile("(?i)((?:^|[?&;\\s])" + SECRET_NAME + "=)[^&;#\\s\"]*");

    private Excerpts() {}

    /** A redacted, shortened JSON rendering of {@code node}. */
    static String of(JsonNode node) {
        JsonNode copy = node.deepCopy();
        redact(copy);
        return of(copy.toString());
    }

    /** A redacted, shortened excerpt of raw text that may or may not be JSON. */
    static String of(String raw) {
        // Only a bounded prefix is ever inspected; the excerpt is cut after redaction anyway.
        String text = raw.length() > 64 * MAX_CHARS ? raw.substring(0, 64 * MAX_CHARS) : raw;
        text = NAME_VALUE_SECRET.matcher(text).replaceAll("$1" + REDACTED);
        text = JSON_SECRET_FIELD.matcher(text).replaceAll("$1" + REDACTED);
        text = ESCAPED_JSON_SECRET_FIELD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        text = SCHEME_CREDENTIALS.matcher(text).replaceAll("$1$2" + REDACTED);
        text = PAIR_SECRET.matcher(text).replaceAll("$1" + REDACTED);
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "\u2026";
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode name = object.get("name");
            if (name != null && name.isTextual() && object.has("value") && secretName(name.textValue())) {
                object.put("value", REDACTED);
            }
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                JsonNode value = object.get(field);
                if (value.isValueNode() && !field.equals("name") && secretName(field)) {
                    object.put(field, REDACTED);
                } else {
                    redact(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Excerpts::redact);
        }
    }

    private static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("auth")
                || n.contains("cookie")
                || n.contains("token")
                || n.contains("secret")
                || n.contains("key")
                || n.contains("pass")
                || n.contains("session")
                || n.equals("sid")
                || n.contains("credential");
    }
}
