package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.policy.Gate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardProxyTest {
    static TestUpstream upstream;
    static GuardServer guard;
    static int deadPort;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        upstream = new TestUpstream();
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        GuardConfig config = GuardConfig.of(
                        0,
                        List.of(
                                new GuardConfig.Route("dead", "*", "/dead", URI.create("http://127.0.0.1:" + deadPort)),
                                new GuardConfig.Route("api", "*", "/", upstream.uri())))
                .withEventLoopThreads(1);
        guard = GuardServer.start(config, Gate.OPEN, null, Clock.systemUTC());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        guard.close();
        upstream.close();
        http.close();
    }

    static URI at(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + guard.port() + pathAndQuery);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 65_535, 65_536, 1_000_001})
    void passesRequestBodiesOfAnySizeByteForByte(int size) throws Exception {
        byte[] body = new byte[size];
        TestUpstream.fill(body, 7, size);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(at("/sha"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    }

    @Test
    void streamsAMultiMegabyteChunkedRequestBodyUnchanged() throws Exception {
        int size = 8 * 1024 * 1024 + 13;
        byte[] body = new byte[size];
        TestUpstream.fill(body, 3, size);
        // An input-stream publisher has no length, so the client sends it chunked.
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(at("/sha"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8192, 5 * 1024 * 1024 + 1})
    void streamsChunkedResponseBodiesUnchanged(int size) throws Exception {
        HttpResponse<InputStream> r = http.send(
                HttpRequest.newBuilder(at("/bytes?n=" + size)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        byte[] expected = new byte[size];
        TestUpstream.fill(expected, 0, size);
        try (InputStream in = r.body()) {
            assertThat(TestUpstream.sha256(in))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
        }
    }

    @Test
    void reusesOneUpstreamConnectionAcrossKeepAliveRequests() throws Exception {
        try (TestUpstream own = new TestUpstream();
                GuardServer g = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", own.uri())))
                                .withEventLoopThreads(1),
                        Gate.OPEN,
                        null,
                        Clock.systemUTC());
                Socket s = new Socket("127.0.0.1", g.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 20; i++) {
                out.write(("GET /hello HTTP/1.1\r\nHost: a.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = RawHttp.readResponse(in);
                assertThat(response).startsWith("HTTP/1.1 200").endsWith("ok");
            }
            assertThat(own.connections).hasSize(1);
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", guard.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /a?status=201 HTTP/1.1\r\nHost: a\r\n\r\nGET /b?status=202 HTTP/1.1\r\nHost: a\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 201");
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 202");
        }
    }

    @Test
    void answersProblem502WhenTheUpstreamIsUnreachable() throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(at("/dead/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"status\":502").contains("upstream-unreachable");
        assertThat(guard.metrics().upstreamFailures()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GARBAGE\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nBad Header Line\r\n\r\n",
                "GET / HTTP/1.1\r\n\r\n",
                "POST /sha HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabc",
                "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"
            })
    void answers400ToMalformedRequests(String raw) throws Exception {
        try (Socket s = new Socket("127.0.0.1", guard.port())) {
            s.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String response = RawHttp.readResponse(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json");
        }
    }

    @Test
    void addsForwardedHeadersAndReplacesSpoofedOnes() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(at("/headers"))
                        .header("X-Forwarded-For", "6.6.6.6")
                        .header("Forwarded", "for=6.6.6.6")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String host = "127.0.0.1:" + guard.port();
        assertThat(r.body())
                .contains("x-forwarded-for: 127.0.0.1\n")
                .contains("x-forwarded-proto: http\n")
                .contains("x-forwarded-host: " + host + "\n")
                .contains("forwarded: for=127.0.0.1;host=\"" + host + "\";proto=http\n")
                .doesNotContain("6.6.6.6");
    }

    @Test
    void extendsForwardedHeadersWhenTrustingAnInnerProxy() throws Exception {
        try (GuardServer g = GuardServer.start(
                GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", upstream.uri())))
                        .withTrustForwardedHeaders(true),
                Gate.OPEN,
                null,
                Clock.systemUTC())) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/headers"))
                            .header("X-Forwarded-For", "203.0.113.9")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("x-forwarded-for: 203.0.113.9, 127.0.0.1\n");
        }
    }

    @Test
    void answers504WhenTheUpstreamDoesNotAnswerInTime() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
                GuardServer g = GuardServer.start(
                        GuardConfig.of(
                                        0,
                                        List.of(new GuardConfig.Route(
                                                "slow",
                                                "*",
                                                "/",
                                                URI.create("http://127.0.0.1:" + silent.getLocalPort()))))
                                .withTimeouts(new GuardConfig.Timeouts(
                                        Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(10))),
                        Gate.OPEN,
                        null,
                        Clock.systemUTC())) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(r.body()).contains("upstream-timeout");
        }
    }

    @Test
    void passesUpstreamStatusAndHeadResponsesThrough() throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(at("/x?status=418")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(418);
        HttpResponse<String> head = http.send(
                HttpRequest.newBuilder(at("/x"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }
}
