package dev.vigil.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a JSON object request body field by field, collecting every violation so the client gets
 * them all in one 400 problem. Call {@link #validate()} after reading the fields.
 */
final class JsonBody {

    private final JsonNode root;
    private final List<String> violations = new ArrayList<>();

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    static JsonBody of(Context ctx, ObjectMapper json) {
        String raw = ctx.body();
        try {
            JsonNode node = raw.isBlank() ? null : json.readTree(raw);
            if (node == null || !node.isObject()) {
                throw ProblemException.invalid(List.of("body: must be a JSON object"));
            }
            return new JsonBody(node);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(List.of("body: is not valid JSON"));
        }
    }

    boolean has(String field) {
        return root.hasNonNull(field);
    }

    /** The raw node of a field, or a missing node. */
    JsonNode optionalNode(String field) {
        return root.path(field);
    }

    String text(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || !node.isTextual() || node.asText().isBlank()) {
            violations.add(field + ": is required and must be a non-empty string");
            return "";
        }
        return node.asText();
    }

    Optional<String> optionalText(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            violations.add(field + ": must be a string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    BigDecimal positiveAmount(String field) {
        JsonNode node = root.get(field);
        if (node == null || !(node.isNumber() || node.isTextual())) {
            violations.add(field + ": is required and must be a number");
            return BigDecimal.ONE;
        }
        try {
            BigDecimal value = new BigDecimal(node.asText());
            if (value.signum() <= 0 || value.scale() > 2) {
                violations.add(field + ": must be positive with at most two decimals");
                return BigDecimal.ONE;
            }
            return value;
        } catch (NumberFormatException e) {
            violations.add(field + ": must be a decimal number");
            return BigDecimal.ONE;
        }
    }

    UUID uuid(String field) {
        String value = text(field);
        try {
            return value.isEmpty() ? new UUID(0, 0) : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            violations.add(field + ": must be a UUID");
            return new UUID(0, 0);
        }
    }

    void require(boolean condition, String violation) {
        if (!condition) {
            violations.add(violation);
        }
    }

    /** Throws a 400 problem listing every violation found so far. */
    void validate() {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }
}
