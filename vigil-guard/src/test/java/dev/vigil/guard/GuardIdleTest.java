package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.policy.Gate;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuardIdleTest {

    @Test
    void closesAKeepAliveConnectionOnlyAfterItWasIdleForTheLimit() throws Exception {
        long limitMillis = 1500;
        try (TestUpstream upstream = new TestUpstream();
                GuardServer guard = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", upstream.uri())))
                                .withEventLoopThreads(1)
                                .withTimeouts(new GuardConfig.Timeouts(
                                        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(limitMillis))),
                        Gate.OPEN,
                        null,
                        Clock.systemUTC())) {
            // A first exchange loads and compiles the proxy path, which on a loaded machine can take
            // longer than the limit.
            exchangeTwice(guard);
            long idleFrom = exchangeTwice(guard);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleFrom))
                    .isGreaterThanOrEqualTo(limitMillis - 20);
        }
    }

    /** Two requests on one connection, then waits for the guard to close it; returns when it went idle. */
    private static long exchangeTwice(GuardServer guard) throws Exception {
        try (Socket s = new Socket("127.0.0.1", guard.port())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200");
            }
            long idleFrom = System.nanoTime();
            assertThat(in.read()).as("connection closed by the guard").isEqualTo(-1);
            return idleFrom;
        }
    }
}
