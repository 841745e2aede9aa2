package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.policy.Gate;
import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heads forwarded from the bytes received: what each side sees, and when the guard re-encodes instead. */
class GuardWireHeadTest {
    private RawUpstream upstream;
    private GuardServer guard;

    @BeforeEach
    void start() throws IOException {
        upstream = new RawUpstream();
        GuardConfig config = GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", upstream.uri())))
                .withEventLoopThreads(1);
        guard = GuardServer.start(config, Gate.OPEN, null, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        guard.close();
        upstream.close();
    }

    @Test
    void upstreamGetsTheClientsLinesAsSentWithoutHopByHopOnesAndWithForwardingHeaders() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(
                    s,
                    "GET /a?b=1 HTTP/1.1\r\nHost: api.test\r\nx-lower: a\r\nX-Spaced:   v  \r\n"
                            + "Connection: keep-alive, X-Hop\r\nX-Hop: secret\r\nKeep-Alive: timeout=5\r\n"
                            + "X-Forwarded-For: 6.6.6.6\r\n\r\n");
            String head = upstream.nextHead();
            assertThat(head)
                    .startsWith("GET /a?b=1 HTTP/1.1\r\nHost: api.test\r\nx-lower: a\r\nX-Spaced:   v  \r\n")
                    .contains(
                            "\r\nX-Forwarded-For: 127.0.0.1\r\n",
                            "\r\nForwarded: for=127.0.0.1;host=api.test;proto=http\r\n")
                    .doesNotContain("6.6.6.6", "X-Hop", "Keep-Alive", "Connection");
            assertThat(readResponse(s.getInputStream())).endsWith("\r\n\r\nok");
        }
    }

    @Test
    void clientGetsTheUpstreamsLinesAsSentWithoutItsConnectionHeaderAndTheConnectionStaysUsable() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=75\r\nX-Resp:  spaced\r\n"
                + "Content-Length: 2\r\n\r\nok");
        upstream.answer("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew");
        try (Socket s = client()) {
            send(s, "GET /one HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(readResponse(s.getInputStream()))
                    .isEqualTo("HTTP/1.1 200 OK\r\nX-Resp:  spaced\r\nContent-Length: 2\r\n\r\nok");
            send(s, "GET /two HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(readResponse(s.getInputStream()))
                    .isEqualTo("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew");
        }
    }

    @Test
    void anAbsoluteFormTargetGoesUpstreamInOriginFormWithItsAuthorityAsHost() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(s, "GET http://api.test:8080/items?x=1 HTTP/1.1\r\nHost: other.test\r\n\r\n");
            String head = upstream.nextHead();
            assertThat(head)
                    .startsWith("GET /items?x=1 HTTP/1.1\r\n")
                    .containsIgnoringCase("\r\nhost: api.test:8080\r\n")
                    .doesNotContain("other.test", "http://");
            assertThat(readResponse(s.getInputStream())).endsWith("\r\n\r\nok");
        }
    }

    @Test
    void oldWebSocketKeyHeadersDoNotGiveAGetABodyThatCouldHideTheNextRequest() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo");
        try (Socket s = client()) {
            // Netty's own framing reads 8 bytes after such a head as its body; an upstream reads
            // them as the start of the next request.
            send(
                    s,
                    "GET /a HTTP/1.1\r\nHost: api.test\r\nSec-WebSocket-Key1: 1\r\nSec-WebSocket-Key2: 2\r\n\r\n"
                            + "GET /x HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(upstream.nextHead()).startsWith("GET /a HTTP/1.1\r\n");
            assertThat(readResponse(s.getInputStream())).endsWith("\r\n\r\nok");
            assertThat(upstream.nextHead()).startsWith("GET /x HTTP/1.1\r\n");
            assertThat(readResponse(s.getInputStream())).endsWith("\r\n\r\ntwo");
        }
    }

    @Test
    void aResponseFieldWithABlankBeforeItsColonIsReencodedNotCopied() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length : 2\r\nX-A: b\r\n\r\nok");
        upstream.answer("HTTP/1.1 200 OK\r\nX-A:  b\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(s, "GET /a HTTP/1.1\r\nHost: api.test\r\n\r\n");
            String first = readResponse(s.getInputStream());
            assertThat(first).doesNotContain("Content-Length :").containsIgnoringCase("\r\ncontent-length: 2\r\n");
            assertThat(first).endsWith("\r\n\r\nok");
            // The safe twin: a clean head is copied byte for byte, odd spacing in values included.
            send(s, "GET /b HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(readResponse(s.getInputStream()))
                    .isEqualTo("HTTP/1.1 200 OK\r\nX-A:  b\r\nContent-Length: 2\r\n\r\nok");
        }
    }

    @Test
    void aRequestLineSplitOnATabGoesUpstreamAsTheLineTheGuardRead() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(s, "GET\t/a  HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(upstream.nextHead()).startsWith("GET /a HTTP/1.1\r\n");
            assertThat(readResponse(s.getInputStream())).endsWith("\r\n\r\nok");
        }
    }

    @Test
    void aConnectionHeaderCannotRemoveWhatTheGuardInspected() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(
                    s,
                    "GET /a HTTP/1.1\r\nHost: api.test\r\nContent-Type: application/json\r\n"
                            + "Authorization: Bearer t\r\nConnection: Content-Type, Authorization, X-Hop\r\n"
                            + "X-Hop: 1\r\n\r\n");
            assertThat(upstream.nextHead())
                    .contains("\r\nContent-Type: application/json\r\n", "\r\nAuthorization: Bearer t\r\n")
                    .doesNotContain("X-Hop");
            assertThat(readResponse(s.getInputStream())).endsWith("\r\n\r\nok");
        }
    }

    @Test
    void aFoldedHeaderIsReencodedAsOneLineNeverCopied() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(s, "GET / HTTP/1.1\r\nHost: api.test\r\nX-Fold: a\r\n  b\r\n\r\n");
            String head = upstream.nextHead();
            assertThat(head).contains("\r\nX-Fold: a b\r\n").doesNotContain("\r\n  b");
            assertThat(readResponse(s.getInputStream())).endsWith("ok");
        }
    }

    @Test
    void aClientAskingToCloseIsAnsweredWithCloseAndTheConnectionEnds() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(s, "GET / HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n");
            assertThat(upstream.nextHead()).doesNotContain("Connection");
            InputStream in = s.getInputStream();
            assertThat(readResponse(in)).contains("\r\nConnection: close\r\n").endsWith("ok");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anHttp10ClientGetsAnHttp10ResponseAndTheConnectionEnds() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(s, "GET / HTTP/1.0\r\nHost: api.test\r\n\r\n");
            assertThat(upstream.nextHead()).startsWith("GET / HTTP/1.1\r\n");
            InputStream in = s.getInputStream();
            assertThat(readResponse(in)).startsWith("HTTP/1.0 200 OK\r\n").endsWith("ok");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aHeadResponseAnnouncingABodyCarriesNoneAndTheNextRequestStillParses() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        try (Socket s = client()) {
            send(s, "HEAD /x HTTP/1.1\r\nHost: api.test\r\n\r\n");
            InputStream in = s.getInputStream();
            assertThat(readHead(in)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
            send(s, "GET /x HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(readResponse(in)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        }
    }

    @Test
    void theGuardsOwnAnswerToHeadCarriesNoBody() throws Exception {
        try (Socket s = client()) {
            send(s, "HEAD /x HTTP/1.1\r\nHost: api.test\r\nHost: other.test\r\n\r\n");
            InputStream in = s.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 400 ").containsIgnoringCase("Content-Length: ");
            assertThat(in.read()).isEqualTo(-1);
        }
        try (Socket s = client()) {
            send(s, "GET /x HTTP/1.1\r\nHost: api.test\r\nHost: other.test\r\n\r\n");
            assertThat(readResponse(s.getInputStream()))
                    .startsWith("HTTP/1.1 400 ")
                    .endsWith("}");
        }
    }

    @Test
    void chunkedBodiesAreForwardedChunkedBothWays() throws Exception {
        upstream.answer(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n");
        try (Socket s = client()) {
            send(s, "POST /c HTTP/1.1\r\nHost: api.test\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwxyz\r\n0\r\n\r\n");
            String head = upstream.nextHead();
            assertThat(head).contains("Transfer-Encoding: chunked");
            assertThat(upstream.nextBody()).isEqualTo("4\r\nwxyz\r\n0\r\n\r\n");
            InputStream in = s.getInputStream();
            assertThat(readHead(in)).contains("Transfer-Encoding: chunked");
            assertThat(readUntil(in, "\r\n\r\n")).isEqualTo("3\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n");
        }
    }

    @Test
    void aRequestFramedBothByLengthAndChunkedIsRefusedAndNothingOfItReachesTheUpstream() throws Exception {
        // CL.TE smuggling: a hop that framed this body by its Content-Length would take "0\r\n\r\nG" as
        // the body, one that framed it as chunked would read "GET /smuggled" as the next request.
        // RFC 9112 §6.1 lets a server refuse such a message; the guard does, and closes the connection.
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(
                    s,
                    "POST /c HTTP/1.1\r\nHost: api.test\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: api.test\r\n\r\n");
            InputStream in = s.getInputStream();
            assertThat(readResponse(in))
                    .startsWith("HTTP/1.1 400 ")
                    .containsIgnoringCase("\r\nconnection: close\r\n")
                    .contains("malformed-request");
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(upstream.heads.poll(300, TimeUnit.MILLISECONDS))
                .as("neither the request nor the bytes after its body reach the upstream")
                .isNull();
    }

    @Test
    void aTransferEncodingThatDoesNotEndInChunkedOrComesWithHttp10IsRefused() throws Exception {
        // Without a final chunked coding an upstream may read to the connection's end, or frame the
        // body otherwise: both are refused before anything is forwarded.
        for (String request : List.of(
                "POST /c HTTP/1.1\r\nHost: api.test\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
                "POST /c HTTP/1.0\r\nHost: api.test\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")) {
            try (Socket s = client()) {
                send(s, request);
                InputStream in = s.getInputStream();
                assertThat(readResponse(in))
                        .as(request)
                        .startsWith("HTTP/1.1 400 ")
                        .contains("malformed-request");
                assertThat(in.read()).isEqualTo(-1);
            }
        }
        assertThat(upstream.heads.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aChunkedRequestWithoutALengthKeepsItsConnection() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo");
        try (Socket s = client()) {
            send(s, "POST /c HTTP/1.1\r\nHost: api.test\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            assertThat(upstream.nextHead()).contains("Transfer-Encoding: chunked");
            assertThat(upstream.nextBody()).isEqualTo("0\r\n\r\n");
            InputStream in = s.getInputStream();
            assertThat(readResponse(in)).doesNotContain("Connection").endsWith("ok");
            send(s, "GET /next HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(upstream.nextHead()).startsWith("GET /next HTTP/1.1\r\n");
            assertThat(readResponse(in)).endsWith("two");
        }
    }

    @Test
    void aResponseHeadWhoseSmallBodyIsLateReachesTheClientWithoutWaitingForIt() throws Exception {
        // The guard holds a head back to send it with a small body in one write; a body that is not
        // in the same read must not hold the head up.
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n" + PAUSE + "hello");
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnow");
        try (Socket s = client()) {
            send(s, "GET /slow HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(readHead(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
            upstream.proceed();
            assertThat(new String(s.getInputStream().readNBytes(5), StandardCharsets.ISO_8859_1))
                    .isEqualTo("hello");
            // The safe twin: a body in the same read as its head; the connection stays in step.
            send(s, "GET /now HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(readResponse(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnow");
        }
    }

    @Test
    void bodiesAtAndBeyondTheSizeSentWithTheHeadArriveWhole() throws Exception {
        for (int size : new int[] {1, 2047, 2048, 2049, 70_000}) {
            String body = "x".repeat(size - 1) + "!";
            upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n" + body);
            try (Socket s = client()) {
                send(s, "GET /size HTTP/1.1\r\nHost: api.test\r\n\r\n");
                assertThat(readResponse(s.getInputStream()))
                        .as("body of %d bytes", size)
                        .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n" + body);
            }
        }
    }

    @Test
    void anUpstreamThatDiesAfterAHeldHeadClosesTheClientConnection() throws Exception {
        upstream.answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhe" + PAUSE + DIE);
        try (Socket s = client()) {
            send(s, "GET /cut HTTP/1.1\r\nHost: api.test\r\n\r\n");
            assertThat(readHead(s.getInputStream())).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
            upstream.proceed();
            // The two bytes that came, then the end: never a complete-looking response.
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("he");
        }
    }

    @Test
    void anInterimResponseReachesAnHttp11ClientWithoutItsHopByHopFields() throws Exception {
        upstream.answer("HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\nConnection: X-Hint\r\n"
                + "X-Hint: 1\r\nKeep-Alive: timeout=5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(s, "GET /hints HTTP/1.1\r\nHost: api.test\r\n\r\n");
            InputStream in = s.getInputStream();
            String interim = readHead(in);
            assertThat(interim)
                    .startsWith("HTTP/1.1 103 Early Hints\r\n")
                    .containsIgnoringCase("\r\nlink: </s.css>; rel=preload\r\n");
            assertThat(interim.toLowerCase(java.util.Locale.ROOT)).doesNotContain("x-hint", "keep-alive", "connection");
            assertThat(readResponse(in)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }
    }

    @Test
    void anHttp10ClientGetsNoInterimResponse() throws Exception {
        // RFC 9110 §15.2: a server must not send a 1xx response to an HTTP/1.0 client.
        upstream.answer("HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Socket s = client()) {
            send(s, "GET /hints HTTP/1.0\r\nHost: api.test\r\n\r\n");
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(all)
                    .startsWith("HTTP/1.0 200 OK\r\n")
                    .endsWith("\r\n\r\nok")
                    .doesNotContain("103");
        }
    }

    /** In an answer: the upstream flushes what came before and waits for {@link RawUpstream#proceed}. */
    private static final String PAUSE = "\u0000pause\u0000";
    /** In an answer: the upstream closes the connection there. */
    private static final String DIE = "\u0000die\u0000";

    private Socket client() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), guard.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        return readUntil(in, "\r\n\r\n");
    }

    /** A head and its Content-Length body. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + out.toString(StandardCharsets.ISO_8859_1));
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * An upstream on 127.0.0.1 that records each request's head exactly as received (and a chunked body
     * up to its last chunk) and answers with the next queued raw response.
     */
    private static final class RawUpstream implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final BlockingQueue<String> heads = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private final BlockingQueue<Boolean> go = new LinkedBlockingQueue<>();

        RawUpstream() throws IOException {
            Thread.ofVirtual().start(this::accept);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        void answer(String raw) {
            answers.add(raw);
        }

        void proceed() {
            go.add(true);
        }

        String nextHead() throws InterruptedException {
            String h = heads.poll(10, TimeUnit.SECONDS);
            assertThat(h).as("a request reached the upstream").isNotNull();
            return h;
        }

        String nextBody() throws InterruptedException {
            String b = bodies.poll(10, TimeUnit.SECONDS);
            assertThat(b).as("a request body reached the upstream").isNotNull();
            return b;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                while (true) {
                    String head = readHead(in);
                    heads.add(head);
                    if (head.contains("Transfer-Encoding: chunked")) {
                        bodies.add(readUntil(in, "0\r\n\r\n"));
                    }
                    String answer = answers.poll(10, TimeUnit.SECONDS);
                    if (answer == null) {
                        return;
                    }
                    String[] pieces = answer.split(PAUSE, -1);
                    for (int i = 0; i < pieces.length; i++) {
                        if (i > 0 && go.poll(10, TimeUnit.SECONDS) == null) {
                            return;
                        }
                        String piece = pieces[i];
                        boolean die = piece.endsWith(DIE);
                        s.getOutputStream().write(piece.replace(DIE, "").getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                        if (die) {
                            return;
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // The guard closed the connection.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
