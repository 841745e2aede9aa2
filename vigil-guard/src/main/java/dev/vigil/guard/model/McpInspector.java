package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.classify.Classifier;
import dev.vigil.classify.Match;
import dev.vigil.classify.Redactor;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.Detection.McpProblem;
import dev.vigil.guard.detect.StreamingJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Watches MCP servers (JSON-RPC 2.0 over HTTP): remembers, per session, the tool names each {@code
 * tools/list} response offered, and flags a {@code tools/call} naming a tool its session was never
 * offered (a client probing for hidden tools, or a prompt-injected agent) and a call whose {@code
 * arguments} carry sensitive data (classified by vigil-core; evidence holds the redaction placeholder,
 * never the value). Responses may be plain JSON or server-sent events. At most {@code sessions}
 * sessions are remembered, least recently used forgotten first. Thread-safe.
 */
final class McpInspector {
    private static final int MAX_TOOLS = 1000;
    private static final int MAX_FINDINGS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Classifier classifier;
    private final Redactor redactor;
    private final LinkedHashMap<String, Set<String>> offered;
    private final java.util.concurrent.atomic.AtomicLong evictions = new java.util.concurrent.atomic.AtomicLong();

    McpInspector(Classifier classifier, int sessions) {
        this.classifier = classifier;
        this.redactor = new Redactor(classifier);
        this.offered = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                if (size() > sessions) {
                    evictions.incrementAndGet();
                    return true;
                }
                return false;
            }
        };
    }

    /** A streaming check for sensitive {@code tools/call} arguments in a body of {@code session}. */
    StreamingJson.Events argumentStream(String session) {
        return new McpArgumentStream(classifier, redactor, session);
    }

    /** Sessions forgotten because more than the cap were remembered. */
    long evictions() {
        return evictions.get();
    }

    /** JSON-RPC 2.0 messages in a request body: the object itself, or the members of a batch. */
    static List<JsonNode> messages(JsonNode body) {
        List<JsonNode> out = new ArrayList<>(1);
        if (body == null) {
            return out;
        }
        if (body.isArray()) {
            body.forEach(m -> {
                if (isRpc(m)) {
                    out.add(m);
                }
            });
        } else if (isRpc(body)) {
            out.add(body);
        }
        return out;
    }

    private static boolean isRpc(JsonNode m) {
        return m.isObject()
                && "2.0".equals(m.path("jsonrpc").asText())
                && m.path("method").isTextual();
    }

    /** Learns the tools a {@code tools/list} response offered to {@code session}. */
    void learn(String session, List<JsonNode> requests, String responseBody) {
        if (requests.stream().noneMatch(m -> m.get("method").asText().equals("tools/list"))) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode message : responseMessages(responseBody)) {
            for (JsonNode tool : message.path("result").path("tools")) {
                if (tool.path("name").isTextual()) {
                    names.add(tool.get("name").asText());
                }
            }
        }
        if (names.isEmpty()) {
            return;
        }
        synchronized (this) {
            Set<String> tools = offered.computeIfAbsent(session, k -> new TreeSet<>());
            for (String name : names) {
                if (tools.size() < MAX_TOOLS) {
                    tools.add(name);
                }
            }
        }
    }

    List<Detection> inspect(String session, List<JsonNode> requests) {
        List<Detection> out = new ArrayList<>(1);
        for (JsonNode m : requests) {
            if (!m.get("method").asText().equals("tools/call")) {
                continue;
            }
            String tool = m.path("params").path("name").asText("");
            Set<String> tools;
            boolean listed;
            synchronized (this) {
                tools = offered.get(session);
                listed = tools != null && tools.contains(tool);
            }
            if (!listed) {
                out.add(new Detection.McpAbuse(
                        McpProblem.UNLISTED_TOOL,
                        session,
                        tool,
                        tools == null ? "no tools/list answer seen for this session" : "tool was not offered"));
            }
            sensitive(session, tool, m.path("params").path("arguments"), "arguments", 0, out);
        }
        return out;
    }

    private void sensitive(String session, String tool, JsonNode node, String path, int depth, List<Detection> out) {
        if (depth > 16 || out.size() >= MAX_FINDINGS) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                String key = f.getKey();
                JsonNode v = f.getValue();
                if (v.isContainerNode()) {
                    sensitive(session, tool, v, path + "." + key, depth + 1, out);
                } else if (v.isValueNode() && !v.isNull()) {
                    List<Match> matches = classifier.classify(key, v.asText());
                    if (!matches.isEmpty() && out.size() < MAX_FINDINGS) {
                        out.add(new Detection.McpAbuse(
                                McpProblem.SENSITIVE_ARGUMENT,
                                session,
                                tool,
                                path + "." + key + " holds " + redactor.redactValue(key, v.asText())));
                    }
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                if (i++ >= 100) {
                    break;
                }
                if (item.isContainerNode()) {
                    sensitive(session, tool, item, path + "[]", depth + 1, out);
                } else if (item.isValueNode() && !item.isNull()) {
                    String key = path.substring(path.lastIndexOf('.') + 1);
                    if (!classifier.classify(key, item.asText()).isEmpty() && out.size() < MAX_FINDINGS) {
                        out.add(new Detection.McpAbuse(
                                McpProblem.SENSITIVE_ARGUMENT,
                                session,
                                tool,
                                path + "[] holds " + redactor.redactValue(key, item.asText())));
                    }
                }
            }
        }
    }

    /** JSON-RPC responses in a body that is JSON (one or a batch) or server-sent events ({@code data:} lines). */
    static List<JsonNode> responseMessages(String body) {
        List<JsonNode> out = new ArrayList<>(1);
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            addParsed(trimmed, out);
            return out;
        }
        StringBuilder data = new StringBuilder();
        for (String line : body.split("\r?\n", -1)) {
            if (line.startsWith("data:")) {
                data.append(line.substring(5).stripLeading()).append('\n');
            } else if (line.isEmpty() && !data.isEmpty()) {
                addParsed(data.toString(), out);
                data.setLength(0);
            }
        }
        if (!data.isEmpty()) {
            addParsed(data.toString(), out);
        }
        return out;
    }

    private static void addParsed(String text, List<JsonNode> out) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && n.isArray()) {
                n.forEach(out::add);
            } else if (n != null) {
                out.add(n);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // A truncated capture or a non-JSON event carries no tool list; nothing to learn.
        }
    }
}
