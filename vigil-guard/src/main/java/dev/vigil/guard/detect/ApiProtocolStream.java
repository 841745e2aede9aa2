package dev.vigil.guard.detect;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of {@link ApiProtocolDetector} for a JSON body that streams, so a request can be stopped
 * before the server receives all of it:
 *
 * <ul>
 *   <li>MCP: a JSON-RPC {@code tools/call} (one message, or each message of a batch) whose {@code
 *       params.name} the policy does not permit, found as soon as {@code jsonrpc}, {@code method} and
 *       {@code params.name} have all been seen, whatever their order. A call without a name is
 *       judged when its message ends.
 *   <li>GraphQL: each message's {@code query} string is judged (introspection, depth, aliases) as
 *       soon as the string is complete, and a batch as soon as it holds more operations than allowed.
 * </ul>
 *
 * A member given twice is judged on every value (a server may take either), so this is never looser
 * than the check of a held body. Memory is the parser's, which holds one string value at a time; a
 * value longer than {@link StreamingJson#MAX_STRING} ends the check.
 */
public final class ApiProtocolStream {
    private final StreamingJson json;
    private final Messages messages;

    ApiProtocolStream(ApiProtocolDetector detector, ApiProtocolDetector.McpTools tools, int maxBatch) {
        this.messages = new Messages(detector, tools, maxBatch);
        this.json = new StreamingJson(messages);
    }

    /** The next bytes of the body; a denial as soon as one is certain. The array may be reused afterwards. */
    public Detection feed(byte[] bytes, int offset, int length) {
        Detection d = json.feed(bytes, offset, length);
        return d != null ? d : messages.takeEnded();
    }

    /** The body ended. */
    public Detection end() {
        Detection d = json.end();
        return d != null ? d : messages.takeEnded();
    }

    private static final class Messages implements StreamingJson.Events {
        private final ApiProtocolDetector detector;
        private final ApiProtocolDetector.McpTools tools;
        private final int maxBatch;
        private final List<Detection> found = new ArrayList<>(1);
        private int operations;
        private boolean operation;
        /** Depth of a message object: 1 for a single message, 2 for the items of a batch. */
        private int message = 1;

        private String member = "";
        private boolean inParams;
        private String paramsMember = "";
        private boolean jsonrpc;
        private boolean call;
        private boolean named;
        private String denied;
        private Detection ended;

        Messages(ApiProtocolDetector detector, ApiProtocolDetector.McpTools tools, int maxBatch) {
            this.detector = detector;
            this.tools = tools;
            this.maxBatch = maxBatch;
        }

        Detection takeEnded() {
            Detection d = ended;
            ended = null;
            return d;
        }

        @Override
        public Detection field(int depth, String name) {
            if (depth == message) {
                member = name;
                if (message == 2 && "query".equals(name) && !operation) {
                    operation = true;
                    if (++operations == maxBatch + 1) {
                        return new Detection.GraphqlAbuse(
                                "batch",
                                "more than " + maxBatch + " operations in one request (limit " + maxBatch + ")");
                    }
                }
            } else if (inParams && depth == message + 1) {
                paramsMember = name;
            }
            return null;
        }

        @Override
        public Detection start(int depth, boolean array) {
            if (depth == 1 && array) {
                message = 2;
            } else if (depth == message && !array) {
                member = "";
                jsonrpc = false;
                call = false;
                named = false;
                denied = null;
                inParams = false;
                operation = false;
            } else if (depth == message + 1 && !array && "params".equals(member)) {
                inParams = true;
                paramsMember = "";
            }
            return null;
        }

        @Override
        public void end(int depth) {
            if (depth == message + 1) {
                inParams = false;
            } else if (depth == message && jsonrpc && call && !named && !tools.permits("") && ended == null) {
                ended = new Detection.McpToolDenied("");
            }
        }

        @Override
        public Detection scalar(int depth, JsonToken token, String text) {
            if (depth == message + 1) {
                if ("query".equals(member) && token == JsonToken.VALUE_STRING) {
                    found.clear();
                    detector.graphqlDocument(text, found);
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                } else if ("jsonrpc".equals(member) && token == JsonToken.VALUE_STRING) {
                    jsonrpc = true;
                } else if ("method".equals(member) && "tools/call".equals(text)) {
                    call = true;
                }
            } else if (inParams && depth == message + 2 && "name".equals(paramsMember)) {
                named = true;
                if (denied == null && !tools.permits(text)) {
                    denied = text;
                }
            }
            return jsonrpc && call && denied != null ? new Detection.McpToolDenied(denied) : null;
        }

        @Override
        public Detection tooLarge(int depth, String what) {
            return null;
        }
    }
}
