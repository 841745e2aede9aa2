package dev.vigil.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces sensitive values with placeholders such as {@code <redacted:email>} before traffic is
 * stored or shown. Card numbers keep their last four digits ({@code <redacted:credit_card
 * last4=1111>}), as PCI DSS allows. Credential headers are always redacted, whatever their value
 * looks like. Thread-safe.
 */
public final class Redactor {
    static final String PLACEHOLDER_PREFIX = "<redacted:";

    /** Headers whose value is a credential whatever it looks like. */
    private static final Set<String> SECRET_HEADERS = Set.of(
            "x-api-key",
            "api-key",
            "apikey",
            "x-auth-token",
            "x-access-token",
            "x-refresh-token",
            "x-csrf-token",
            "x-xsrf-token",
            "x-amz-security-token",
            "x-goog-api-key",
            "x-session-token",
            "x-client-secret",
            "private-token",
            "x-vault-token",
            "x-functions-key",
            "ocp-apim-subscription-key",
            "x-shopify-access-token",
            "x-figma-token");

    private static final Set<String> SECRET_HEADER_WORDS = Set.of(
            "token", "secret", "password", "passwd", "apikey", "credential", "credentials", "session", "sessionid");
    private static final Set<String> KEY_QUALIFIERS =
            Set.of("api", "access", "secret", "private", "subscription", "client", "license", "functions", "master");

    private final Classifier classifier;
    private final TextRedactor text;
    private final ObjectMapper json = new ObjectMapper();

    public Redactor(Classifier classifier) {
        this.classifier = classifier;
        this.text = new TextRedactor(classifier);
    }

    static String placeholder(Match m, String value) {
        String id = m.type().id();
        if (id.equals("credit_card")) {
            String last4 = FinancialValidators.lastFour(value);
            if (!last4.isEmpty()) {
                return PLACEHOLDER_PREFIX + id + " last4=" + last4 + ">";
            }
        }
        return PLACEHOLDER_PREFIX + id + ">";
    }

    /**
     * The value, or a placeholder when it is sensitive under this key; free-text values (with
     * whitespace, {@code key=value} pairs, quotes or commas, as in embedded JSON) have secrets embedded in them replaced individually.
     */
    public String redactValue(String key, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        List<Match> matches = classifier.classify(key, value);
        if (!matches.isEmpty()) {
            return placeholder(matches.get(0), value);
        }
        // A single token was already judged whole, with its key (which may have vetoed it, as for
        // an orderId); only composite text is worth scanning for embedded secrets.
        boolean composite = PersonalValidators.hasWhitespace(value)
                || value.indexOf('=') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf(',') >= 0;
        return value.length() >= 12 && composite ? text.redact(value) : value;
    }

    /**
     * The header value with credentials removed: {@code Authorization} keeps its scheme ({@code
     * Bearer <redacted:credentials>}), cookies keep their names, API-key and token headers are
     * always replaced; other headers are classified like any value.
     */
    public String redactHeader(String name, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "authorization", "proxy-authorization" -> {
                int space = value.indexOf(' ');
                return space > 0
                        ? value.substring(0, space) + " " + PLACEHOLDER_PREFIX + "credentials>"
                        : PLACEHOLDER_PREFIX + "credentials>";
            }
            case "cookie" -> {
                return redactCookiePairs(value);
            }
            case "set-cookie" -> {
                int semi = value.indexOf(';');
                String pair = semi < 0 ? value : value.substring(0, semi);
                return redactCookiePairs(pair) + (semi < 0 ? "" : value.substring(semi));
            }
            default -> {
                if (alwaysSecretHeader(n)) {
                    return PLACEHOLDER_PREFIX + "credentials>";
                }
                return redactValue(name, value);
            }
        }
    }

    private static boolean alwaysSecretHeader(String lowerName) {
        if (SECRET_HEADERS.contains(lowerName)) {
            return true;
        }
        List<String> words = KeyName.of(lowerName).words();
        for (String w : words) {
            if (SECRET_HEADER_WORDS.contains(w)) {
                return true;
            }
        }
        return words.contains("key") && words.stream().anyMatch(KEY_QUALIFIERS::contains);
    }

    private static String redactCookiePairs(String cookies) {
        StringBuilder sb = new StringBuilder();
        for (String part : cookies.split(";", -1)) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                sb.append(part.isBlank() ? part : PLACEHOLDER_PREFIX + "cookie>");
            } else {
                sb.append(part, 0, eq + 1).append(PLACEHOLDER_PREFIX).append("cookie>");
            }
        }
        return sb.toString();
    }

    /** A copy of {@code body} with every sensitive scalar replaced, judged with its field name. */
    public JsonNode redactJson(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode copy = body.deepCopy();
        if (copy.isObject() || copy.isArray()) {
            walk(copy, "");
            return copy;
        }
        return redactScalar("", copy);
    }

    private void walk(JsonNode node, String key) {
        if (node instanceof ObjectNode obj) {
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                JsonNode child = e.getValue();
                if (child.isContainerNode()) {
                    walk(child, e.getKey());
                } else {
                    e.setValue(redactScalar(e.getKey(), child));
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode child = arr.get(i);
                if (child.isContainerNode()) {
                    walk(child, key);
                } else {
                    arr.set(i, redactScalar(key, child));
                }
            }
        }
    }

    private JsonNode redactScalar(String key, JsonNode scalar) {
        if (!(scalar.isTextual() || scalar.isNumber())) {
            return scalar;
        }
        String raw = scalar.asText();
        String redacted = redactValue(key, raw);
        return redacted.equals(raw) ? scalar : TextNode.valueOf(redacted);
    }

    /**
     * The body with sensitive content replaced: JSON ({@code application/json}, {@code +json}) by
     * field, form-urlencoded and multipart/form-data by parameter, anything else (or unparsable JSON) by scanning the text
     * for secrets. A null or empty media type is sniffed from the body.
     */
    public String redactBody(String mediaType, String body) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        String mt = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        int semi = mt.indexOf(';');
        if (semi >= 0) {
            mt = mt.substring(0, semi);
        }
        mt = mt.strip();
        String start = body.stripLeading();
        boolean looksJson = start.startsWith("{") || start.startsWith("[");
        if (mt.endsWith("json") || mt.endsWith("+json") || (mt.isEmpty() && looksJson)) {
            try {
                return json.writeValueAsString(redactJson(json.readTree(body)));
            } catch (JsonProcessingException e) {
                return text.redact(body);
            }
        }
        if (mt.equals("application/x-www-form-urlencoded")) {
            return redactForm(body);
        }
        if (mt.equals("multipart/form-data")) {
            String out = MultipartRedactor.redact(mediaType, body, this, text);
            if (out != null) {
                return out;
            }
        }
        return text.redact(body);
    }

    private String redactForm(String body) {
        StringBuilder sb = new StringBuilder(body.length());
        for (String pair : body.split("&", -1)) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                sb.append(pair);
                continue;
            }
            String key = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            if (key == null || value == null) {
                sb.append(pair, 0, eq + 1).append(text.redact(pair.substring(eq + 1)));
                continue;
            }
            String redacted = redactValue(key, value);
            sb.append(pair, 0, eq + 1);
            sb.append(
                    redacted.equals(value)
                            ? pair.substring(eq + 1)
                            : URLEncoder.encode(redacted, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
