package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.policy.Gate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest {

    /** Promises 100 bytes, sends 10, then closes: an upstream crashing mid-response. */
    static Thread truncatingUpstream(ServerSocket server) {
        return Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    int state = 0;
                    int b;
                    while (state < 4 && (b = in.read()) >= 0) {
                        state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                                ? state + 1
                                : 0;
                    }
                    s.getOutputStream()
                            .write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"
                                    .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @Test
    void closesTheClientConnectionWhenTheUpstreamDiesMidResponseAndKeepsServingOthers() throws Exception {
        try (ServerSocket broken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TestUpstream healthy = new TestUpstream();
                GuardServer g = GuardServer.start(
                        GuardConfig.of(
                                0,
                                List.of(
                                        new GuardConfig.Route(
                                                "broken",
                                                "*",
                                                "/broken",
                                                URI.create("http://127.0.0.1:" + broken.getLocalPort())),
                                        new GuardConfig.Route("ok", "*", "/", healthy.uri()))),
                        Gate.OPEN,
                        null,
                        Clock.systemUTC())) {
            truncatingUpstream(broken);
            try (Socket client = new Socket("127.0.0.1", g.port())) {
                client.getOutputStream()
                        .write("GET /broken HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                // The head and the 10 bytes arrive, then the connection ends: never a forged complete body.
                String received = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(received)
                        .startsWith("HTTP/1.1 200")
                        .contains("Content-Length: 100")
                        .endsWith("0123456789");
            }
            try (Socket client = new Socket("127.0.0.1", g.port())) {
                client.getOutputStream()
                        .write("GET /fine HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                assertThat(RawHttp.readResponse(client.getInputStream()))
                        .startsWith("HTTP/1.1 200")
                        .endsWith("ok");
            }
        }
    }

    @Test
    void answers408WhenARequestHeadTricklesInTooSlowlyButServesCompleteHeads() throws Exception {
        try (TestUpstream up = new TestUpstream();
                GuardServer g = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", up.uri())))
                                .withTimeouts(new GuardConfig.Timeouts(
                                        java.time.Duration.ofSeconds(2),
                                        java.time.Duration.ofSeconds(5),
                                        java.time.Duration.ofSeconds(30),
                                        java.time.Duration.ofMillis(300))),
                        Gate.OPEN,
                        null,
                        Clock.systemUTC())) {
            try (Socket ok = new Socket("127.0.0.1", g.port())) {
                for (int i = 0; i < 3; i++) {
                    ok.getOutputStream()
                            .write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    ok.getOutputStream().flush();
                    assertThat(RawHttp.readResponse(ok.getInputStream())).startsWith("HTTP/1.1 200");
                }
            }
            try (Socket slow = new Socket("127.0.0.1", g.port())) {
                // Half a head, and then nothing: the classic slow-header attack.
                slow.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.getOutputStream().flush();
                String response = RawHttp.readResponse(slow.getInputStream());
                assertThat(response).startsWith("HTTP/1.1 408").contains("request-timeout");
            }
            assertThat(up.requests.get()).isEqualTo(3);
        }
    }
}
