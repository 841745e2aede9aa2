package dev.vigil.guard.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands two API protocols that plain WAF rules see as opaque JSON: GraphQL (introspection,
 * nesting depth, alias fan-out, batched operations) and MCP's JSON-RPC (which tool a
 * {@code tools/call} invokes, against allow and deny lists). Thread-safe.
 */
public final class ApiProtocolDetector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ALIAS =
            Pattern.compile("\\b[_A-Za-z][_0-9A-Za-z]*\\s*:\\s*[_A-Za-z][_0-9A-Za-z]*\\s*[({]");
    private static final Pattern INTROSPECTION = Pattern.compile("\\b__(schema|type)\\b");

    /**
     * @param allowIntrospection whether {@code __schema}/{@code __type} queries are normal here
     * @param maxDepth deepest selection-set nesting allowed
     * @param maxAliases aliased fields allowed in one document (alias fan-out multiplies work and
     *     batches guesses, e.g. many login mutations in one request)
     * @param maxBatch operations allowed in one batched (JSON array) request
     */
    public record GraphqlLimits(boolean allowIntrospection, int maxDepth, int maxAliases, int maxBatch) {}

    /** Tools callable through MCP: an empty allow list allows every tool not denied. */
    public record McpTools(Set<String> allowed, Set<String> denied) {
        public McpTools {
            allowed = Set.copyOf(allowed);
            denied = Set.copyOf(denied);
        }

        boolean permits(String tool) {
            return !denied.contains(tool) && (allowed.isEmpty() || allowed.contains(tool));
        }
    }

    private final GraphqlLimits graphql;
    private final McpTools mcp;

    public ApiProtocolDetector(GraphqlLimits graphql, McpTools mcp) {
        this.graphql = Objects.requireNonNull(graphql, "graphql");
        this.mcp = Objects.requireNonNull(mcp, "mcp");
    }

    /** Checks a GraphQL document passed in the query string ({@code ?query=}). */
    public List<Detection> inspectQuery(String rawQuery) {
        List<Detection> out = new ArrayList<>(0);
        for (String[] pair : Decoding.pairs(rawQuery)) {
            if (pair[0].equals("query")) {
                graphqlDocument(Decoding.percentDecode(pair[1], true), out);
            }
        }
        return out;
    }

    /**
     * The checks of {@link #inspectBody} for a JSON body that streams, or null when the body is not
     * JSON. A raw {@code application/graphql} body is not checked as it streams: its document is only
     * whole at the end.
     */
    public ApiProtocolStream protocolStream(String contentType) {
        String media = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return media.contains("json") ? new ApiProtocolStream(this, mcp, graphql.maxBatch()) : null;
    }

    /** Checks a request body: a GraphQL request (JSON or application/graphql) or a JSON-RPC message. */
    public List<Detection> inspectBody(byte[] body, int length, String contentType) {
        List<Detection> out = new ArrayList<>(0);
        if (body == null || length == 0) {
            return out;
        }
        String media = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (media.startsWith("application/graphql")) {
            graphqlDocument(new String(body, 0, length, StandardCharsets.UTF_8), out);
            return out;
        }
        if (!media.contains("json")) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body, 0, length);
        } catch (IOException e) {
            // Truncated or not JSON: nothing protocol-level to say.
            return out;
        }
        if (root == null) {
            return out;
        }
        if (root.isArray()) {
            int graphqlOps = 0;
            for (JsonNode item : root) {
                if (item.has("query")) {
                    graphqlOps++;
                }
                message(item, out);
            }
            if (graphqlOps > graphql.maxBatch()) {
                out.add(new Detection.GraphqlAbuse(
                        "batch", graphqlOps + " operations in one request (limit " + graphql.maxBatch() + ")"));
            }
        } else {
            message(root, out);
        }
        return out;
    }

    private void message(JsonNode node, List<Detection> out) {
        if (!node.isObject()) {
            return;
        }
        JsonNode query = node.get("query");
        if (query != null && query.isTextual()) {
            graphqlDocument(query.asText(), out);
        }
        if (node.path("jsonrpc").isTextual()
                && "tools/call".equals(node.path("method").asText())) {
            String tool = node.path("params").path("name").asText("");
            if (!mcp.permits(tool)) {
                out.add(new Detection.McpToolDenied(tool));
            }
        }
    }

    /** Checks one GraphQL document (the {@code query} of a JSON request) into {@code out}. */
    void graphqlDocument(String doc, List<Detection> out) {
        String code = withoutStringsAndComments(doc);
        if (!graphql.allowIntrospection() && INTROSPECTION.matcher(code).find()) {
            out.add(new Detection.GraphqlAbuse("introspection", "introspection query (__schema/__type)"));
        }
        int depth = 0;
        int max = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                max = Math.max(max, ++depth);
            } else if (c == '}') {
                depth--;
            }
        }
        if (max > graphql.maxDepth()) {
            out.add(new Detection.GraphqlAbuse(
                    "depth", "selection depth " + max + " (limit " + graphql.maxDepth() + ")"));
        }
        int aliases = 0;
        Matcher m = ALIAS.matcher(code);
        while (m.find()) {
            aliases++;
        }
        if (aliases > graphql.maxAliases()) {
            out.add(new Detection.GraphqlAbuse(
                    "aliases", aliases + " aliased fields (limit " + graphql.maxAliases() + ")"));
        }
    }

    /** Strings and comments can hold braces and colons that are not syntax. */
    private static String withoutStringsAndComments(String doc) {
        StringBuilder sb = new StringBuilder(doc.length());
        boolean inString = false;
        boolean inComment = false;
        for (int i = 0; i < doc.length(); i++) {
            char c = doc.charAt(i);
            if (inComment) {
                if (c == '\n') {
                    inComment = false;
                    sb.append(c);
                }
            } else if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    sb.append("\"\"");
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '#') {
                inComment = true;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
