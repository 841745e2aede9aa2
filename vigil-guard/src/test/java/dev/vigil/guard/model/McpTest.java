package dev.vigil.guard.model;

import static dev.vigil.guard.model.Traffic.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class McpTest {
    static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
    static final String TOOLS =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"search\"},{\"name\":\"weather\"}]}}";

    final ModelDetectors model = ModelDetectors.of(
            List.of(), List.of(), ModelConfig.DEFAULTS, Classifier.builtIn(), new MutableClock(Traffic.T0));

    static String call(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    List<Detection> send(String session, String body) {
        return model.inspectResponse(exchange("POST", "/mcp", body, 200, "{}", "Mcp-Session-Id", session));
    }

    @Test
    void flagsACallToAToolTheSessionWasNeverOffered() {
        model.inspectResponse(exchange("POST", "/mcp", LIST, 200, TOOLS, "Mcp-Session-Id", "s1"));
        assertThat(send("s1", call("search", "{\"q\":\"shoes\"}"))).isEmpty();
        List<Detection> hidden = send("s1", call("delete_all_users", "{}"));
        assertThat(hidden).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("mcp.unlisted-tool");
            assertThat(d.evidence()).contains("delete_all_users").contains("not offered");
        });
        // Another session was offered nothing.
        assertThat(send("s2", call("search", "{}"))).extracting(Detection::type).containsExactly("mcp.unlisted-tool");
    }

    @Test
    void remembersAtMostTheCapOfSessionsAndCountsTheForgotten() {
        ModelDetectors small = ModelDetectors.of(
                List.of(),
                List.of(),
                new ModelConfig(
                        ModelMode.ENFORCE, 4.0, 64, 20, 100, java.time.Duration.ofMinutes(10), 0, 10.0, 200, 0, 100, 2),
                Classifier.builtIn(),
                new MutableClock(Traffic.T0));
        for (String s : new String[] {"s1", "s2", "s3"}) {
            small.inspectResponse(exchange("POST", "/mcp", LIST, 200, TOOLS, "Mcp-Session-Id", s));
        }
        assertThat(small.evictions()).isEqualTo(1);
        // The oldest session was forgotten, so its tools are unknown again; the newest still has them.
        assertThat(small.inspectResponse(
                        exchange("POST", "/mcp", call("search", "{}"), 200, "{}", "Mcp-Session-Id", "s3")))
                .isEmpty();
        assertThat(small.inspectResponse(
                        exchange("POST", "/mcp", call("search", "{}"), 200, "{}", "Mcp-Session-Id", "s1")))
                .extracting(Detection::type)
                .containsExactly("mcp.unlisted-tool");
    }

    @Test
    void learnsToolListsSentAsServerSentEvents() {
        String sse = "event: message\ndata: " + TOOLS + "\n\n";
        model.inspectResponse(exchange("POST", "/mcp", LIST, 200, sse, "Mcp-Session-Id", "s3"));
        assertThat(send("s3", call("weather", "{\"city\":\"Oslo\"}"))).isEmpty();
    }

    @Test
    void flagsSensitiveArgumentsWithRedactedEvidence() {
        model.inspectResponse(exchange("POST", "/mcp", LIST, 200, TOOLS, "Mcp-Session-Id", "s4"));
        List<Detection> found = send("s4", call("search", "{\"q\":\"pay\",\"card\":\"4111 1111 1111 1111\"}"));
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("mcp.sensitive-argument");
            assertThat(d.evidence())
                    .contains("arguments.card")
                    .contains("credit_card")
                    .doesNotContain("4111 1111");
        });
        assertThat(send("s4", call("search", "{\"q\":\"red shoes size 42\"}"))).isEmpty();
    }

    @Test
    void otherJsonRpcMethodsAreLeftAlone() {
        assertThat(send("s5", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\"}"))
                .isEmpty();
        assertThat(send("s5", "{\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}"))
                .isEmpty();
    }

    /** Streams {@code body} through {@link ModelDetectors#bodyStream} in 1000-byte chunks; the first finding or null. */
    Detection stream(String body) {
        java.util.Map<String, String> h =
                java.util.Map.of("host", "mcp.test", "content-type", "application/json", "mcp-session-id", "s9");
        dev.vigil.guard.detect.StreamingJson json = model.bodyStream(new dev.vigil.guard.detect.RequestHead(
                "api", "POST", "/mcp", "", "10.0.0.1", dev.vigil.guard.detect.HeaderLookup.of(h)));
        byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int at = 0; at < b.length; at += 1000) {
            Detection d = json.feed(b, at, Math.min(1000, b.length - at));
            if (d != null) {
                return d;
            }
        }
        return json.end();
    }

    @Test
    void findsASensitiveArgumentDeepInALargeStreamedCallWithRedactedEvidence() {
        String padding = "\"notes\":\"" + "meeting notes ".repeat(10_000) + "\"";
        Detection d = stream(call("search", "{" + padding + ",\"card\":\"4111 1111 1111 1111\"}"));
        assertThat(d).isNotNull().satisfies(x -> {
            assertThat(x.type()).isEqualTo("mcp.sensitive-argument");
            assertThat(x.evidence())
                    .contains("arguments.card")
                    .contains("credit_card")
                    .doesNotContain("4111 1111");
        });
        // The method may come last: the finding waits for it.
        String methodLast = "{\"jsonrpc\":\"2.0\",\"id\":3,\"params\":{\"name\":\"pay\",\"arguments\":{" + padding
                + ",\"card\":\"4111 1111 1111 1111\"}},\"method\":\"tools/call\"}";
        assertThat(stream(methodLast)).isNotNull();
    }

    @Test
    void leavesLargeOrdinaryCallsAndOtherMethodsAlone() {
        String padding = "\"notes\":\"" + "meeting notes ".repeat(10_000) + "\"";
        assertThat(stream(call("search", "{" + padding + ",\"q\":\"red shoes size 42\"}")))
                .isNull();
        String notACall = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"notes/save\",\"params\":{\"arguments\":{"
                + "\"card\":\"4111 1111 1111 1111\"}}}";
        assertThat(stream(notACall)).isNull();
    }
}
