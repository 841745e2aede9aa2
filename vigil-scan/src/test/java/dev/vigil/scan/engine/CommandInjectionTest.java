package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.MiniBank;
import dev.vigil.scan.MiniBank.Flaw;
import dev.vigil.scan.MutableClock;
import dev.vigil.scan.TestServer.Req;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Time-based command injection, on a clock the server advances instead of sleeping: a delay that
 * scales with the requested one is flagged; uniform slowness and a fixed tarpit are not.
 */
class CommandInjectionTest {
    private static List<Finding> scan(Set<Flaw> flaws, Function<Req, Duration> latency) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (MiniBank bank = new MiniBank(flaws).timed(clock::advance, latency)) {
            Target target = new TargetLoader(Map.of()).build(bank.baseUrl(), List.of(), Optional.of(MiniBank.SPEC));
            String host = bank.baseUrl().getHost() + ":" + bank.baseUrl().getPort();
            ScanPolicy policy = new ScanPolicy(Set.of(host), false, 2000, 0, 1, false, Duration.ofMillis(200));
            return new ScanEngine(
                            new JdkTransport(
                                    JdkTransport.defaultClient(Duration.ofSeconds(2)), clock, Duration.ofSeconds(5)),
                            clock,
                            d -> {})
                    .run(
                            target,
                            new IdentitiesLoader(Map.of()).parse(MiniBank.IDENTITIES, "ids.yaml"),
                            new CatalogLoader().load(List.of()).only(List.of("command-injection-time")),
                            policy,
                            Optional.empty())
                    .findings();
        }
    }

    @Test
    void flagsAnInputWhoseAnswerIsLateInProportionToTheRequestedSleep() throws Exception {
        assertThat(scan(Set.of(Flaw.COMMAND_INJECTION), r -> Duration.ZERO))
                .extracting(Finding::location)
                .containsOnly("query:name");
    }

    @Test
    void staysQuietWhenTheInputNeverReachesAShell() throws Exception {
        assertThat(scan(Set.of(), r -> Duration.ZERO)).isEmpty();
    }

    @Test
    void staysQuietOnAUniformlySlowServer() throws Exception {
        assertThat(scan(Set.of(), r -> Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void staysQuietOnATarpitWhoseDelayDoesNotFollowTheRequestedOne() throws Exception {
        assertThat(scan(Set.of(), r -> r.query().contains("sleep") ? Duration.ofSeconds(3) : Duration.ZERO))
                .isEmpty();
    }
}
