package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts sensitive records in a response body: for each inventory location such as {@code
 * $.items[].email}, how many values the body holds there; a record carrying several sensitive fields
 * counts once, so the count is the largest over the locations.
 */
final class SensitiveRecords {
    private SensitiveRecords() {}

    static long count(JsonNode body, List<String> locations) {
        long best = 0;
        for (String location : locations) {
            best = Math.max(best, countAt(body, steps(location), 0));
        }
        return best;
    }

    /** {@code $.items[].email} to {@code items, [], email}. */
    static List<String> steps(String location) {
        List<String> out = new ArrayList<>(4);
        String rest = location.startsWith("$") ? location.substring(1) : location;
        for (String part : rest.split("\\.")) {
            String p = part;
            int arrays = 0;
            while (p.endsWith("[]")) {
                p = p.substring(0, p.length() - 2);
                arrays++;
            }
            if (!p.isEmpty()) {
                out.add(p);
            }
            for (int i = 0; i < arrays; i++) {
                out.add("[]");
            }
        }
        return out;
    }

    private static long countAt(JsonNode node, List<String> steps, int i) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (i == steps.size()) {
            return 1;
        }
        String step = steps.get(i);
        if (step.equals("[]")) {
            if (!node.isArray()) {
                return 0;
            }
            long sum = 0;
            for (JsonNode item : node) {
                sum += countAt(item, steps, i + 1);
            }
            return sum;
        }
        return node.isObject() ? countAt(node.get(step), steps, i + 1) : 0;
    }
}
