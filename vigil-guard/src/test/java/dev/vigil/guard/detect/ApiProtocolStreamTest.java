package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiProtocolStreamTest {
    final ApiProtocolDetector detector = new ApiProtocolDetector(
            new ApiProtocolDetector.GraphqlLimits(false, 10, 10, 10),
            new ApiProtocolDetector.McpTools(Set.of("search_docs"), Set.of()));

    /** Feeds the body in {@code chunk}-byte pieces; the detection and how many bytes had been fed by then. */
    record Result(Detection detection, int fedBytes) {}

    Result stream(String body, int chunk) {
        ApiProtocolStream s = detector.protocolStream("application/json");
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < b.length; at += chunk) {
            int n = Math.min(chunk, b.length - at);
            Detection d = s.feed(b, at, n);
            if (d != null) {
                return new Result(d, at + n);
            }
        }
        return new Result(s.end(), b.length);
    }

    static String padding(int bytes) {
        return "\"" + "x".repeat(bytes) + "\"";
    }

    @Test
    void findsAnUnlistedToolAsSoonAsItsNameArrivesBeforeTheLargeArguments() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"run_shell\","
                + "\"arguments\":{\"script\":" + padding(1_000_000) + "}}}";

        Result r = stream(body, 8192);

        assertThat(r.detection()).isEqualTo(new Detection.McpToolDenied("run_shell"));
        assertThat(r.fedBytes()).isLessThanOrEqualTo(8192);
    }

    @Test
    void passesAListedToolWithTheSameShape() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search_docs\","
                + "\"arguments\":{\"script\":" + padding(100_000) + "}}}";

        assertThat(stream(body, 8192).detection()).isNull();
    }

    @Test
    void judgesTheNameWhenMethodAndJsonrpcComeLaterAndSplitAcrossChunks() {
        String body = "{\"params\":{\"arguments\":{\"a\":1},\"name\":\"run_shell\"},\"id\":7,\"method\":\"tools/call\","
                + "\"jsonrpc\":\"2.0\"}";

        assertThat(stream(body, 3).detection()).isEqualTo(new Detection.McpToolDenied("run_shell"));
    }

    @Test
    void leavesOtherMethodsAndNonJsonRpcBodiesAlone() {
        assertThat(stream("{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"params\":{\"name\":\"run_shell\"}}", 5)
                        .detection())
                .isNull();
        assertThat(stream("{\"method\":\"tools/call\",\"params\":{\"name\":\"run_shell\"}}", 5)
                        .detection())
                .isNull();
    }

    @Test
    void findsAnUnlistedToolInABatchAndACallWithoutAName() {
        String batch = "[{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"search_docs\"}},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"run_shell\"}}]";
        assertThat(stream(batch, 16).detection()).isEqualTo(new Detection.McpToolDenied("run_shell"));

        assertThat(stream("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{}}", 16)
                        .detection())
                .isEqualTo(new Detection.McpToolDenied(""));
    }

    @Test
    void agreesWithTheHeldBodyCheck() {
        for (String body : new String[] {
            "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"run_shell\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"search_docs\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\"}",
            "{\"jsonrpc\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"run_shell\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"inner\":{\"name\":\"run_shell\"},\"name\":\"search_docs\"}}"
        }) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            assertThat(stream(body, 7).detection())
                    .as(body)
                    .isEqualTo(detector.inspectBody(b, b.length, "application/json").stream()
                            .findFirst()
                            .orElse(null));
        }
    }

    @Test
    void findsADeepGraphqlQueryOnceItsStringEndsAndPassesAShallowTwin() {
        String deep = "{\"query\":\"{ a { b { c { d { e { f { g { h { i { j { k { id } } } } } } } } } } } }\","
                + "\"variables\":{\"note\":" + padding(100_000) + "}}";
        Result r = stream(deep, 8192);
        assertThat(r.detection()).isInstanceOf(Detection.GraphqlAbuse.class);
        assertThat(r.detection().type()).isEqualTo("graphql.depth");
        assertThat(r.fedBytes()).isLessThanOrEqualTo(8192);

        String shallow = "{\"query\":\"{ a { b { id } } }\",\"variables\":{\"note\":" + padding(100_000) + "}}";
        assertThat(stream(shallow, 8192).detection()).isNull();
    }

    @Test
    void findsABatchWithMoreOperationsThanAllowedAndPassesOneAtTheLimit() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"query\":\"{ a }\"}");
        }
        String over = batch.append("]").toString();
        assertThat(stream(over, 8).detection()).isInstanceOf(Detection.GraphqlAbuse.class);
        assertThat(stream(over, 8).detection().type()).isEqualTo("graphql.batch");

        String atLimit = over.substring(0, over.lastIndexOf(",{")) + "]";
        assertThat(stream(atLimit, 8).detection()).isNull();
    }

    @Test
    void agreesWithTheHeldBodyCheckOnGraphql() {
        for (String body : new String[] {
            "{\"query\":\"{ __schema { types { name } } }\"}",
            "{\"query\":\"{ user(id: \\\"{{{{{{{{{{{{\\\") { name } }\"}",
            "{\"query\":{\"bool\":{\"must\":[]}}}",
            "{\"search\":\"{ a { b { c { d { e { f { g { h { i { j { k { id } } } } } } } } } } } }\"}"
        }) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            assertThat(stream(body, 5).detection())
                    .as(body)
                    .isEqualTo(detector.inspectBody(b, b.length, "application/json").stream()
                            .findFirst()
                            .orElse(null));
        }
    }

    @Test
    void checksNothingForNonJson() {
        assertThat(detector.protocolStream("text/plain")).isNull();
        assertThat(detector.protocolStream(null)).isNull();
    }
}
