package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.policy.Gate;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.Quarantined;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardCaptureTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void handsEachExchangeToTheSinkWithSourceGuard() throws Exception {
        BlockingQueue<Exchange> seen = new LinkedBlockingQueue<>();
        ExchangeSink sink = into(seen);
        try (TestUpstream up = new TestUpstream();
                GuardServer g = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", up.uri())))
                                .withCapture(new GuardConfig.Capture(4, 16)),
                        Gate.OPEN,
                        sink,
                        CLOCK)) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/users/7?status=201&x=1"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            Exchange e = seen.poll(10, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.source()).isEqualTo("guard");
            assertThat(e.startedAt()).isEqualTo(CLOCK.instant());
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(e.request().method()).isEqualTo("POST");
            assertThat(e.request().host()).isEqualTo("127.0.0.1");
            assertThat(e.request().port()).isEqualTo(g.port());
            assertThat(e.request().path()).isEqualTo("/users/7");
            assertThat(e.request().query()).isEqualTo("status=201&x=1");
            // Only the configured number of body bytes is copied; the upstream still got all of it.
            assertThat(e.request().body()).isEqualTo("{\"na");
            assertThat(e.response()).hasValueSatisfying(resp -> {
                assertThat(resp.status()).isEqualTo(201);
                assertThat(resp.body()).isEqualTo("ok");
            });
            assertThat(g.metrics().analysisShed()).isZero();
        }
    }

    @Test
    void aHeadCopiedFromItsBytesIsCapturedAsForwardedLikeAReencodedOne() throws Exception {
        BlockingQueue<Exchange> seen = new LinkedBlockingQueue<>();
        ExchangeSink sink = into(seen);
        String request = "GET /users/7 HTTP/1.1\r\nHost: api.test\r\nX-Forwarded-For: 6.6.6.6\r\n"
                + "Connection: keep-alive, X-Hop\r\nX-Hop: 1\r\nAccept: */*\r\n\r\n";
        try (TestUpstream up = new TestUpstream();
                GuardServer g = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", up.uri()))),
                        Gate.OPEN,
                        sink,
                        CLOCK)) {
            List<List<String>> captured = new java.util.ArrayList<>();
            // Whole, the head is copied from its bytes; in two writes it is decoded from two reads
            // and re-encoded. Both must be captured as they were forwarded.
            for (int split : new int[] {request.length(), 30}) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", g.port())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream()
                            .write(request.substring(0, split).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    if (split < request.length()) {
                        Thread.sleep(100);
                        s.getOutputStream()
                                .write(request.substring(split).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                    }
                    assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 ");
                }
                Exchange e = seen.poll(10, TimeUnit.SECONDS);
                assertThat(e).isNotNull();
                captured.add(e.request().headers().stream()
                        .map(h -> h.name().toLowerCase(java.util.Locale.ROOT) + ": " + h.value())
                        .sorted()
                        .toList());
            }
            assertThat(captured.get(0))
                    .contains("x-forwarded-for: 127.0.0.1", "accept: */*")
                    .doesNotContain("x-forwarded-for: 6.6.6.6", "x-hop: 1")
                    .noneMatch(h -> h.startsWith("connection:"));
            assertThat(captured.get(1)).isEqualTo(captured.get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 20})
    void aSinkThatNeverReturnsDoesNotSlowOrBreakProxyingAndAnalysisIsShed(int queueCapacity) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ExchangeSink stuck = new ExchangeSink() {
            @Override
            public void accept(Exchange exchange) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void quarantine(Quarantined record) {}
        };
        try (TestUpstream up = new TestUpstream();
                GuardServer g = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", up.uri())))
                                .withCapture(new GuardConfig.Capture(1024, queueCapacity)),
                        Gate.OPEN,
                        stuck,
                        CLOCK)) {
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/sha"))
                                .POST(HttpRequest.BodyPublishers.ofString("x" + i))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).hasSize(64);
            }
            // One exchange is stuck in the sink (or, if the capture thread had not yet taken the first,
            // waits with the others), the configured number wait in the queue, the rest were shed.
            assertThat(g.metrics().analysisShed()).isBetween(50L - queueCapacity - 1, 50L - queueCapacity);
            assertThat(g.metrics().requests()).isEqualTo(50);
            assertThat(g.metrics().captured()).isZero();
        } finally {
            never.countDown();
        }
    }

    /** A sink that queues what it is given. */
    static ExchangeSink into(BlockingQueue<Exchange> seen) {
        return new ExchangeSink() {
            @Override
            public void accept(Exchange exchange) {
                seen.add(exchange);
            }

            @Override
            public void quarantine(Quarantined record) {}
        };
    }
}
