package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.alert.AlertLog;
import dev.vigil.guard.alert.AlertOutbox;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.guard.policy.PolicyFile;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.Quarantined;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard keeps serving when what sits behind it (analysis, the alert database) is down. */
class GuardResilienceTest {
    static final String SQLI = "/search?q=1%27%20OR%20%271%27%3D%271";
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        http.close();
    }

    int get(GuardServer g, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void anAnalysisPipelineThatFailsEveryExchangeIsCountedAndTrafficFlows() throws Exception {
        CountDownLatch reached = new CountDownLatch(21);
        ExchangeSink stopped = new ExchangeSink() {
            @Override
            public void accept(Exchange exchange) {
                reached.countDown();
                throw new IllegalStateException("analysis pipeline stopped");
            }

            @Override
            public void quarantine(Quarantined record) {}
        };
        try (TestUpstream up = new TestUpstream();
                GuardServer g = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", up.uri()))),
                        PolicyFile.parse("version: 1\nroutes:\n  api: { mode: block }\n", "test"),
                        stopped,
                        clock)) {
            for (int i = 0; i < 21; i++) {
                assertThat(get(g, "/items/" + i)).isEqualTo(200);
            }
            assertThat(get(g, SQLI)).isEqualTo(403);
            assertThat(g.metrics().requests()).isEqualTo(22);
            // The capture thread hands exchanges over one at a time: once the 21st reached the sink,
            // the failures of the 20 before it were counted.
            assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(g.metrics().sinkFailures()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void alertsThatCannotBeStoredAreCountedKeptAndStoredWhenTheDatabaseIsBack() throws Exception {
        AtomicBoolean databaseUp = new AtomicBoolean(false);
        List<Alert> database = new ArrayList<>();
        try (TestUpstream up = new TestUpstream();
                GuardServer g = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", up.uri()))),
                        PolicyFile.parse("version: 1\nroutes:\n  api: { mode: block }\n", "test"),
                        null,
                        clock)) {
            AlertOutbox outbox = new AlertOutbox(g::alerts, batch -> {
                if (!databaseUp.get()) {
                    throw new IllegalStateException("connection refused");
                }
                database.addAll(batch);
            });
            for (int i = 0; i < 3; i++) {
                assertThat(get(g, SQLI)).isEqualTo(403);
                outbox.run();
                assertThat(get(g, "/items/" + i)).isEqualTo(200);
            }
            assertThat(outbox.failures()).isEqualTo(3);
            assertThat(database).isEmpty();

            databaseUp.set(true);
            outbox.run();
            assertThat(database)
                    .extracting(Alert::type)
                    .containsExactly("injection.sql", "injection.sql", "injection.sql");
            assertThat(outbox.stored()).isEqualTo(3);
            assertThat(outbox.lost()).isZero();
            outbox.run();
            assertThat(database).hasSize(3);
        }
    }

    @Test
    void countsAlertsThatFellOutOfTheLogWhileTheDatabaseWasDown() {
        AlertLog log = new AlertLog(2);
        AtomicBoolean up = new AtomicBoolean(false);
        List<Alert> database = new ArrayList<>();
        AlertOutbox outbox = new AlertOutbox(log::recent, batch -> {
            if (!up.get()) {
                throw new IllegalStateException("down");
            }
            database.addAll(batch);
        });
        for (int i = 0; i < 5; i++) {
            log.add(new Alert(log.nextSequence(), clock.instant(), "api", "blocked", "x", "e", "s", "c", "GET", "/"));
            outbox.run();
        }
        up.set(true);
        outbox.run();
        assertThat(database).extracting(Alert::sequence).containsExactly(4L, 5L);
        assertThat(outbox.lost()).isEqualTo(3);
        assertThat(outbox.failures()).isEqualTo(5);
    }
}
