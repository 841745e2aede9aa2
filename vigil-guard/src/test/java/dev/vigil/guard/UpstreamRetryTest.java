package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.policy.Gate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpstreamRetryTest {

    /**
     * Answers the first request on each connection, then reads a second and closes the connection,
     * without answering or after sending {@code secondAnswer}.
     */
    static final class OneShotUpstream implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger secondHeads = new AtomicInteger();
        final String secondAnswer;
        final Thread acceptor = Thread.ofPlatform().daemon().start(this::acceptLoop);

        OneShotUpstream() throws IOException {
            this(null);
        }

        OneShotUpstream(String secondAnswer) throws IOException {
            this.secondAnswer = secondAnswer;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                readHead(in);
                // Counted before the bytes leave, so a client that has read the answer sees the count.
                answered.incrementAndGet();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Keep-alive is implied, but the second request on this connection finds it closed.
                readHead(in);
                secondHeads.incrementAndGet();
                if (secondAnswer != null) {
                    out.write(secondAnswer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // The guard closed its side; nothing to do.
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int state = 0;
            int b;
            while (state < 4 && (b = in.read()) >= 0) {
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1
                        : 0;
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void resendsABodylessRequestOnceWhenAPooledConnectionWasClosedByTheUpstream() throws Exception {
        try (OneShotUpstream up = new OneShotUpstream();
                GuardServer g = guardFor(up);
                Socket client = new Socket("127.0.0.1", g.port())) {
            OutputStream out = client.getOutputStream();
            for (int i = 0; i < 5; i++) {
                out.write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(RawHttp.readResponse(client.getInputStream()))
                        .startsWith("HTTP/1.1 200")
                        .endsWith("ok");
            }
            assertThat(up.answered.get()).isEqualTo(5);
            assertThat(g.metrics().upstreamFailures()).isZero();
            assertThat(g.metrics().upstreamRetries()).isEqualTo(4);
        }
    }

    @Test
    void aPostIsNeverSentTwiceEvenOnAConnectionTheUpstreamClosed() throws Exception {
        // The upstream reads the POST and closes without an answer, which looks the same as a
        // pooled connection it closed while idle.
        try (OneShotUpstream up = new OneShotUpstream()) {
            assertNotRetried(up, "POST /pay HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
        }
    }

    @Test
    void aRequestIsNotSentAgainOnceTheUpstreamHasAnsweredIt() throws Exception {
        // The upstream read the GET and answered it, if invalidly: it acted on it, so no retry.
        try (OneShotUpstream up =
                new OneShotUpstream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n")) {
            assertNotRetried(up, "GET /y HTTP/1.1\r\nHost: a\r\n\r\n");
        }
    }

    /** A first GET is answered; {@code second} goes over the same pooled connection and gets a 502. */
    private static void assertNotRetried(OneShotUpstream up, String second) throws Exception {
        try (GuardServer g = guardFor(up);
                Socket client = new Socket("127.0.0.1", g.port())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawHttp.readResponse(client.getInputStream())).startsWith("HTTP/1.1 200");
            out.write(second.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawHttp.readResponse(client.getInputStream())).startsWith("HTTP/1.1 502");
            assertThat(g.metrics().upstreamRetries()).isZero();
            assertThat(up.answered.get()).isEqualTo(1);
            assertThat(up.secondHeads.get()).isEqualTo(1);
        }
    }

    private static GuardServer guardFor(OneShotUpstream up) {
        return GuardServer.start(
                GuardConfig.of(
                                0,
                                List.of(new GuardConfig.Route(
                                        "api", "*", "/", URI.create("http://127.0.0.1:" + up.server.getLocalPort()))))
                        .withEventLoopThreads(1),
                Gate.OPEN,
                null,
                Clock.systemUTC());
    }
}
