package dev.vigil.guard.model;

import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.classify.Classifier;
import dev.vigil.classify.Redactor;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.Detection.McpProblem;
import dev.vigil.guard.detect.StreamingJson;

/**
 * Sensitive data in the {@code params.arguments} of an MCP {@code tools/call} (one JSON-RPC message,
 * not a batch), found token by token as the body streams, so a large call can be stopped before it
 * reaches the server. Members may come in any order: a sensitive argument seen before {@code
 * method} is kept (its redacted evidence only) until {@code method} shows whether the message is a
 * call. Evidence holds the redaction placeholder, never the value.
 */
final class McpArgumentStream implements StreamingJson.Events {
    private static final int LEVELS = 20;

    private final Classifier classifier;
    private final Redactor redactor;
    private final String session;
    private final String[] names = new String[LEVELS];
    private final boolean[] arrays = new boolean[LEVELS];
    private Boolean call;
    private String tool = "";
    private String finding;

    McpArgumentStream(Classifier classifier, Redactor redactor, String session) {
        this.classifier = classifier;
        this.redactor = redactor;
        this.session = session;
    }

    @Override
    public Detection field(int depth, String name) {
        if (depth < LEVELS) {
            names[depth] = name;
        }
        return null;
    }

    @Override
    public Detection start(int depth, boolean array) {
        if (depth < LEVELS) {
            arrays[depth] = array;
        }
        return null;
    }

    @Override
    public void end(int depth) {}

    @Override
    public Detection scalar(int depth, JsonToken token, String text) {
        if (depth == 2 && !arrays[1] && "method".equals(names[1])) {
            call = "tools/call".equals(text);
        } else if (depth == 3 && !arrays[1] && "params".equals(names[1]) && "name".equals(names[2])) {
            tool = text;
        } else if (finding == null
                && depth >= 4
                && depth < LEVELS
                && !arrays[1]
                && "params".equals(names[1])
                && !arrays[2]
                && "arguments".equals(names[2])
                && token != JsonToken.VALUE_NULL) {
            String key = key(depth);
            if (!classifier.classify(key, text).isEmpty()) {
                finding = path(depth) + " holds " + redactor.redactValue(key, text);
            }
        }
        return Boolean.TRUE.equals(call) && finding != null ? detection() : null;
    }

    @Override
    public Detection tooLarge(int depth, String what) {
        return null;
    }

    private Detection detection() {
        return new Detection.McpAbuse(McpProblem.SENSITIVE_ARGUMENT, session, tool, finding);
    }

    /** The name a value is classified under: its member name, or for array items the array's. */
    private String key(int depth) {
        for (int d = depth - 1; d >= 1; d--) {
            if (!arrays[d]) {
                return names[d];
            }
        }
        return "";
    }

    private String path(int depth) {
        StringBuilder sb = new StringBuilder("arguments");
        for (int d = 3; d < depth; d++) {
            sb.append(arrays[d] ? "[]" : "." + names[d]);
        }
        return sb.toString();
    }
}
