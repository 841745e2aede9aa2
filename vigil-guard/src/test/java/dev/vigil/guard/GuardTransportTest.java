package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.guard.policy.Gate;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GuardTransportTest {

    @Test
    void autoPrefersIoUringThenEpollThenNio() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
                GuardServer guard = start(upstream, GuardConfig.Transport.AUTO)) {
            assertThat(guard.transport())
                    .isEqualTo(IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio");
        }
    }

    @Test
    void epollCanBeForcedWhereIoUringIsAvailable() throws Exception {
        assumeTrue(Epoll.isAvailable(), "epoll needs Linux");
        try (TestUpstream upstream = new TestUpstream();
                GuardServer guard = start(upstream, GuardConfig.Transport.EPOLL)) {
            assertThat(guard.transport()).isEqualTo("epoll");
        }
    }

    @Test
    void nioCanBeForcedWhereEpollIsAvailable() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
                GuardServer guard = start(upstream, GuardConfig.Transport.NIO)) {
            assertThat(guard.transport()).isEqualTo("nio");
        }
    }

    @ParameterizedTest
    @EnumSource(GuardConfig.Transport.class)
    void everyTransportProxiesBodiesByteForByteOverKeepAlive(GuardConfig.Transport transport) throws Exception {
        assumeTrue(transport != GuardConfig.Transport.EPOLL || Epoll.isAvailable(), "epoll needs Linux");
        assumeTrue(
                transport != GuardConfig.Transport.IO_URING || IoUring.isAvailable(),
                "io_uring needs a Linux kernel allowing it");
        try (TestUpstream upstream = new TestUpstream();
                GuardServer guard = start(upstream, transport);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
            for (int size : new int[] {0, 10, 70_000}) {
                byte[] body = new byte[size];
                TestUpstream.fill(body, size, size);
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guard.port() + "/sha"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body())
                        .isEqualTo(HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
            }
        }
    }

    private static GuardServer start(TestUpstream upstream, GuardConfig.Transport transport) {
        GuardConfig config = GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", upstream.uri())))
                .withEventLoopThreads(1)
                .withTransport(transport);
        return GuardServer.start(config, Gate.OPEN, null, Clock.systemUTC());
    }
}
