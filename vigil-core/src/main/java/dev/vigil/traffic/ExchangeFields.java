package dev.vigil.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Field readers shared by the HAR and JSON Lines mappers; each failure names the field, never its value. */
final class ExchangeFields {
    /** RFC 9110 method token, bounded so garbage such as a whole request line is not taken for one. */
    private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,31}");

    private ExchangeFields() {}

    static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidExchangeException(where + " is missing");
        }
        if (!node.isObject()) {
            throw new InvalidExchangeException(where + " is not an object");
        }
        return node;
    }

    static String text(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidExchangeException(where + " is missing");
        }
        if (!node.isTextual()) {
            throw new InvalidExchangeException(where + " is not a string");
        }
        return node.textValue();
    }

    /** A string field that may be absent or null (then empty); any other type is an error. */
    static String optionalText(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new InvalidExchangeException(where + " is not a string");
        }
        return node.textValue();
    }

    static String method(JsonNode parent, String where) {
        String method = text(parent, "method", where);
        if (!METHOD.matcher(method).matches()) {
            throw new InvalidExchangeException(where + " is not an HTTP method token");
        }
        return method;
    }

    static Instant instant(JsonNode parent, String field, String where) {
        String text = text(parent, field, where);
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException notOffset) {
            try {
                // Some exporters omit the offset; UTC is the only reading that does not guess a zone.
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw new InvalidExchangeException(where + " is not an ISO-8601 date-time");
            }
        }
    }

    /** Milliseconds (possibly fractional) to microseconds; absent or negative (HAR's "unknown") is 0. */
    static long durationMicros(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isNumber()) {
            throw new InvalidExchangeException(where + " is not a number");
        }
        double millis = node.doubleValue();
        if (Double.isNaN(millis) || millis <= 0) {
            return 0;
        }
        return Math.round(Math.min(millis, Long.MAX_VALUE / 1000.0) * 1000);
    }

    /**
     * Headers as an array of {@code {name, value}} objects or, when {@code allowObject}, an object of
     * name to string (or array of strings). Absent or null is no headers.
     */
    static List<Header> headers(JsonNode parent, String field, String where, boolean allowObject) {
        JsonNode node = parent.get(field);
        List<Header> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            for (JsonNode h : node) {
                if (!h.isObject()) {
                    throw new InvalidExchangeException(where + " has an entry that is not an object");
                }
                String name = text(h, "name", where + " name");
                if (name.isEmpty()) {
                    throw new InvalidExchangeException(where + " has an empty header name");
                }
                out.add(new Header(name, scalar(h.get("value"), where + " value")));
            }
            return out;
        }
        if (allowObject && node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isArray()) {
                    for (JsonNode v : e.getValue()) {
                        out.add(new Header(e.getKey(), scalar(v, where + " value")));
                    }
                } else {
                    out.add(new Header(e.getKey(), scalar(e.getValue(), where + " value")));
                }
            }
            return out;
        }
        throw new InvalidExchangeException(where + " is not " + (allowObject ? "an array or object" : "an array"));
    }

    /** Status 0 means "no response" in HAR; anything else must be a three-digit code. */
    static int status(JsonNode parent, String where) {
        JsonNode node = parent.get("status");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new InvalidExchangeException(where + " is not an integer");
        }
        int status = node.intValue();
        if (status != 0 && (status < 100 || status > 999)) {
            throw new InvalidExchangeException(where + " is not a three-digit code");
        }
        return status;
    }

    private static String scalar(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        throw new InvalidExchangeException(where + " is not a string");
    }
}
