package dev.vigil.guard.detect;

import com.fasterxml.jackson.core.JsonToken;

/**
 * The MCP tool rule of {@link ApiProtocolDetector} for a JSON body that streams: a JSON-RPC {@code
 * tools/call} (one message, or each message of a batch) whose {@code params.name} the policy does
 * not permit is found as soon as {@code jsonrpc}, {@code method} and {@code params.name} have all
 * been seen, whatever their order, so the call is stopped before the server receives all of it.
 * A call without a name is judged when its message ends. A member given twice is judged on every
 * value (a server may take either), so this is never looser than the check of a held body. Memory
 * is the parser's plus one tool name; a name longer than {@link StreamingJson#MAX_STRING} ends the
 * check.
 */
public final class McpToolStream {
    private final StreamingJson json;
    private final Messages messages;

    McpToolStream(ApiProtocolDetector.McpTools tools) {
        this.messages = new Messages(tools);
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
        private final ApiProtocolDetector.McpTools tools;
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

        Messages(ApiProtocolDetector.McpTools tools) {
            this.tools = tools;
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
                if ("jsonrpc".equals(member) && token == JsonToken.VALUE_STRING) {
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
