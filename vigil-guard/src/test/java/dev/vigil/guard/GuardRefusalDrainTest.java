package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.guard.policy.PolicyFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that writes its whole request before reading (as most HTTP clients do) still reads the
 * refusal: the guard reads and drops the rest of a refused body instead of resetting the connection.
 */
class GuardRefusalDrainTest {
    static final int ITERATIONS = 20;
    static final int PADDING = 4 * 1024 * 1024;

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

    /** A JSON array whose first record is {@code first}, padded with ordinary records to about {@code bytes}. */
    static byte[] body(String first, int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 128).append('[').append(first);
        int i = 1;
        while (sb.length() < bytes) {
            sb.append(",{\"id\":").append(i++).append(",\"name\":\"Union Street\",\"tags\":[\"a\",\"b\"]}");
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the head and the whole body in 64 KiB writes, and only then reads the response. */
    String writeAllThenRead(String target, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", guard.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("POST " + target + " HTTP/1.1\r\nHost: api.test\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 65536) {
                out.write(body, at, Math.min(65536, body.length - at));
            }
            out.flush();
            return RawHttp.readResponse(in);
        }
    }

    List<RecordingUpstream.Received> upstreamRecords() {
        List<RecordingUpstream.Received> all = new ArrayList<>();
        upstream.received.drainTo(all);
        return all;
    }

    @Test
    void aClientStillSendingItsBodyReadsTheRefusalOfAStreamedAttack() throws Exception {
        byte[] body = body("{\"id\":0,\"name\":\"x' OR '1'='1\"}", PADDING);

        for (int i = 0; i < ITERATIONS; i++) {
            String response = writeAllThenRead("/import", body);

            assertThat(response)
                    .as("iteration %d", i)
                    .startsWith("HTTP/1.1 403")
                    .containsIgnoringCase("connection: close")
                    .contains("\"status\":403");
        }
        assertThat(upstreamRecords()).allSatisfy(r -> assertThat(r.complete()).isFalse());
        assertThat(guard.alerts())
                .hasSize(ITERATIONS)
                .allSatisfy(a -> assertThat(a.action()).isEqualTo("blocked"))
                .extracting(Alert::type)
                .containsOnly("injection.sql");
    }

    @Test
    void aClientStillSendingItsBodyReadsTheRefusalOfItsHead() throws Exception {
        byte[] body = body("{\"id\":0,\"name\":\"Union Street\"}", PADDING);

        for (int i = 0; i < ITERATIONS / 4; i++) {
            String response = writeAllThenRead("/files?name=../../etc/passwd", body);

            assertThat(response).as("iteration %d", i).startsWith("HTTP/1.1 403");
        }
        assertThat(upstreamRecords()).isEmpty();
    }

    @Test
    void aClientStillSendingItsBodyReadsTheBadGatewayOfAnUnreachableUpstream() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        guard.close();
        guard = GuardServer.start(
                GuardConfig.of(
                        0,
                        List.of(new GuardConfig.Route(
                                "api", "*", "/", java.net.URI.create("http://127.0.0.1:" + closedPort)))),
                PolicyFile.parse("version: 1\nroutes:\n  api: { mode: block }\n", "test"),
                null,
                clock);
        byte[] body = body("{\"id\":0,\"name\":\"Union Street\"}", PADDING);

        for (int i = 0; i < ITERATIONS / 4; i++) {
            assertThat(writeAllThenRead("/import", body)).as("iteration %d", i).startsWith("HTTP/1.1 502");
        }
    }

    @Test
    void aBenignTwinOfTheSameSizeIsForwardedWhole() throws Exception {
        byte[] body = body("{\"id\":0,\"name\":\"Union Street\"}", PADDING);

        String response = writeAllThenRead("/import", body);

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(upstream.next().complete()).isTrue();
    }

    @Test
    void aRefusedBodyPastTheDrainLimitEndsTheConnection() throws Exception {
        byte[] body = body("{\"id\":0,\"name\":\"x' OR '1'='1\"}", (int) FrontendHandler.DRAIN_LIMIT_BYTES * 3);

        boolean cutOff = false;
        try {
            writeAllThenRead("/import", body);
        } catch (IOException reset) {
            cutOff = true;
        }

        assertThat(cutOff).isTrue();
        assertThat(upstreamRecords()).allSatisfy(r -> assertThat(r.complete()).isFalse());
    }
}
