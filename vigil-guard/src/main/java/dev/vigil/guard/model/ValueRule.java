package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.guard.detect.Detection.ModelViolation;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a scalar parameter value may look like, taken from a JSON Schema: its types, its string
 * format and its documented maximum length. Only what the schema states is checked: a schema without
 * a type accepts every value, and formats Vigil cannot validate (ulid, token…) are not checked.
 *
 * @param types JSON Schema type names; empty means any
 * @param format string format, or empty
 * @param maxLength documented maximum length, or 0 for none
 */
record ValueRule(Set<String> types, String format, int maxLength) {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    static final ValueRule ANY = new ValueRule(Set.of(), "", 0);

    ValueRule {
        types = Set.copyOf(types);
        format = format == null ? "" : format;
    }

    /** A problem with a value: what kind, and a redaction-safe description (no value quoted). */
    record Problem(ModelViolation violation, String detail) {}

    static ValueRule of(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return ANY;
        }
        Set<String> declared = new TreeSet<>();
        JsonNode t = schema.get("type");
        if (t != null && t.isTextual()) {
            declared.add(t.asText());
        } else if (t != null && t.isArray()) {
            t.forEach(n -> declared.add(n.asText()));
        }
        // Arrays and objects in a query or path are serialised in ways a scalar check cannot judge.
        Set<String> types = declared.contains("array") || declared.contains("object") ? Set.of() : declared;
        int max = schema.path("maxLength").canConvertToInt()
                ? schema.path("maxLength").asInt()
                : 0;
        return new ValueRule(types, schema.path("format").asText(""), Math.max(0, max));
    }

    /** Null when {@code value} fits this rule. */
    Problem check(String value) {
        if (maxLength > 0 && value.length() > maxLength) {
            return new Problem(
                    ModelViolation.OVERSIZED_VALUE, value.length() + " characters, documented maximum " + maxLength);
        }
        if (types.isEmpty()) {
            return formatProblem(value);
        }
        if (types.contains("string")) {
            // Another declared type may still accept a value the string format rejects.
            Problem p = formatProblem(value);
            return p == null || acceptedByNonString(value) ? null : p;
        }
        if (acceptedByNonString(value)) {
            return null;
        }
        return new Problem(ModelViolation.TYPE_MISMATCH, "expected " + String.join(" or ", types));
    }

    private boolean acceptedByNonString(String value) {
        for (String type : types) {
            boolean ok =
                    switch (type) {
                        case "integer" -> isInteger(value);
                        case "number" -> NUMBER.matcher(value).matches();
                        case "boolean" -> value.equals("true") || value.equals("false");
                        case "null" -> value.isEmpty() || value.equals("null");
                        default -> false;
                    };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private Problem formatProblem(String value) {
        boolean ok = matchesFormat(format, value);
        return ok ? null : new Problem(ModelViolation.FORMAT_MISMATCH, "expected format " + format);
    }

    /** Whether {@code value} has {@code format}; formats that are not validated accept everything. */
    static boolean matchesFormat(String format, String value) {
        return switch (format) {
            case "uuid" -> isUuid(value);
            case "email" -> EMAIL.matcher(value).matches();
            case "ipv4" -> IPV4.matcher(value).matches();
            case "date" -> parses(() -> LocalDate.parse(value));
            case "date-time" -> parses(() -> OffsetDateTime.parse(value));
            case "uri" ->
                parses(() -> {
                    if (!URI.create(value).isAbsolute()) {
                        throw new IllegalArgumentException("relative");
                    }
                });
            default -> true;
        };
    }

    // Integer and UUID path parameters are checked on nearly every request: plain loops, no regex.
    static boolean isInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        int n = s.length() - start;
        if (n < 1 || n > 19) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }
}
