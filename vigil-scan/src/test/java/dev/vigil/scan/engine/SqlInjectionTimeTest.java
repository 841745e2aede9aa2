package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.MiniBank;
import dev.vigil.scan.MutableClock;
import dev.vigil.scan.TestServer.Req;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Time-based SQL injection through the delay mechanism, on a clock the server advances instead of
 * sleeping: a sink that breaks out of a string literal and runs {@code pg_sleep(n)} is flagged; a
 * server that never sleeps, a uniformly slow one and a tarpit that delays any sleep keyword by a
 * fixed time are not.
 */
class SqlInjectionTimeTest {
    private static final Pattern PG_SLEEP = Pattern.compile("'.*pg_sleep\\((\\d+)\\)");

    private static List<Finding> scan(Function<Req, Duration> latency) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (MiniBank bank = new MiniBank(Set.of()).timed(clock::advance, latency)) {
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
                            new CatalogLoader().load(List.of()).only(List.of("sql-injection-time")),
                            policy,
                            Optional.empty())
                    .findings();
        }
    }

    /** A string-literal sink: only text that closes the quote reaches pg_sleep. */
    private static Duration pgSleepSink(Req r) {
        Matcher m = PG_SLEEP.matcher(URLDecoder.decode(r.query(), StandardCharsets.UTF_8));
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : Duration.ZERO;
    }

    @Test
    void flagsAQueryInputThatMakesTheAnswerLateInProportionToTheRequestedSqlSleep() throws Exception {
        List<Finding> found = scan(SqlInjectionTimeTest::pgSleepSink);
        assertThat(found).isNotEmpty();
        assertThat(found).extracting(Finding::testId).containsOnly("sql-injection-time");
        assertThat(found).extracting(Finding::location).allMatch(l -> l.startsWith("query:"));
        assertThat(found.getFirst().detail()).contains("2 s delay").contains("4 s delay");
    }

    @Test
    void staysQuietWhenNoInputReachesSql() throws Exception {
        assertThat(scan(r -> Duration.ZERO)).isEmpty();
    }

    @Test
    void staysQuietOnAUniformlySlowServerAndOnAFixedTarpit() throws Exception {
        assertThat(scan(r -> Duration.ofSeconds(3))).isEmpty();
        assertThat(scan(r -> URLDecoder.decode(r.query(), StandardCharsets.UTF_8)
                                .toLowerCase(java.util.Locale.ROOT)
                                .contains("sleep")
                        ? Duration.ofSeconds(3)
                        : Duration.ZERO))
                .isEmpty();
    }
}
