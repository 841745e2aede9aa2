package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.Detection.GraphQlProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges GraphQL documents without a schema: selection depth (braces outside strings, comments and
 * argument lists), aliases ({@code name:} in a selection, outside arguments), operations per batched
 * request, and introspection ({@code __schema}, {@code __type}; {@code __typename} is ordinary).
 * Depth is counted per written document: selections reached through fragment spreads are not
 * expanded.
 */
final class GraphQlInspector {
    private static final int MAX_TRACKED_DEPTH = 256;

    private final int maxDepth;
    private final int maxBatch;
    private final int maxAliases;
    private final boolean introspection;

    GraphQlInspector(int maxDepth, int maxBatch, int maxAliases, boolean introspection) {
        this.maxDepth = maxDepth;
        this.maxBatch = maxBatch;
        this.maxAliases = maxAliases;
        this.introspection = introspection;
    }

    /** What a document contains, as counted by {@link #scan}. */
    record Shape(int depth, int aliases, boolean introspects) {}

    /** Whether a JSON request body is a GraphQL request (an object with a string {@code query}) or a batch of them. */
    static boolean isGraphQl(JsonNode body) {
        if (body == null) {
            return false;
        }
        if (body.isArray()) {
            return body.size() > 0 && body.get(0).path("query").isTextual();
        }
        return body.path("query").isTextual();
    }

    List<Detection> inspect(String endpoint, JsonNode body) {
        List<Detection> out = new ArrayList<>(1);
        List<String> documents = new ArrayList<>();
        if (body.isArray()) {
            if (body.size() > maxBatch) {
                out.add(new Detection.GraphQlAbuse(
                        GraphQlProblem.BATCHING,
                        endpoint,
                        body.size() + " operations in one request, limit " + maxBatch));
            }
            for (JsonNode op : body) {
                if (op.path("query").isTextual() && documents.size() < maxBatch + 1) {
                    documents.add(op.get("query").asText());
                }
            }
        } else {
            documents.add(body.get("query").asText());
        }
        for (String doc : documents) {
            inspectDocument(endpoint, doc, out);
        }
        return out;
    }

    void inspectDocument(String endpoint, String document, List<Detection> out) {
        Shape s = scan(document);
        if (s.depth() > maxDepth) {
            out.add(new Detection.GraphQlAbuse(
                    GraphQlProblem.DEPTH, endpoint, "selection depth " + s.depth() + ", limit " + maxDepth));
        }
        if (s.aliases() > maxAliases) {
            out.add(new Detection.GraphQlAbuse(
                    GraphQlProblem.ALIASES, endpoint, s.aliases() + " aliases in one document, limit " + maxAliases));
        }
        if (s.introspects() && !introspection) {
            out.add(new Detection.GraphQlAbuse(
                    GraphQlProblem.INTROSPECTION, endpoint, "introspection query while introspection is disabled"));
        }
    }

    static Shape scan(String doc) {
        int n = doc.length();
        boolean[] counted = new boolean[MAX_TRACKED_DEPTH];
        int braces = 0;
        int depth = 0;
        int maxDepth = 0;
        int parens = 0;
        int aliases = 0;
        boolean introspects = false;
        int i = 0;
        while (i < n) {
            char c = doc.charAt(i);
            if (c == '#') {
                while (i < n && doc.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '"') {
                i = skipString(doc, i);
                continue;
            }
            if (c == '{') {
                // Braces inside an argument list are input objects, not selections.
                boolean selection = parens == 0;
                if (braces < MAX_TRACKED_DEPTH) {
                    counted[braces] = selection;
                }
                braces++;
                if (selection) {
                    depth++;
                    maxDepth = Math.max(maxDepth, depth);
                }
            } else if (c == '}') {
                if (braces > 0) {
                    braces--;
                    if (braces >= MAX_TRACKED_DEPTH || counted[braces]) {
                        depth = Math.max(0, depth - 1);
                    }
                }
            } else if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens = Math.max(0, parens - 1);
            } else if (isNameStart(c)) {
                int start = i;
                while (i < n && isNamePart(doc.charAt(i))) {
                    i++;
                }
                String name = doc.substring(start, i);
                if (name.equals("__schema") || name.equals("__type")) {
                    introspects = true;
                }
                if (parens == 0 && depth > 0) {
                    int j = i;
                    while (j < n && (Character.isWhitespace(doc.charAt(j)) || doc.charAt(j) == ',')) {
                        j++;
                    }
                    if (j < n && doc.charAt(j) == ':') {
                        aliases++;
                    }
                }
                continue;
            }
            i++;
        }
        return new Shape(maxDepth, aliases, introspects);
    }

    private static int skipString(String doc, int i) {
        int n = doc.length();
        if (doc.startsWith("\"\"\"", i)) {
            int end = doc.indexOf("\"\"\"", i + 3);
            while (end > 0 && doc.charAt(end - 1) == '\\') {
                end = doc.indexOf("\"\"\"", end + 3);
            }
            return end < 0 ? n : end + 3;
        }
        int j = i + 1;
        while (j < n) {
            char c = doc.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '"' || c == '\n') {
                return j + 1;
            }
            j++;
        }
        return n;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
