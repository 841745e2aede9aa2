package dev.vigil.guard.model;

import static dev.vigil.guard.model.Traffic.basic;
import static dev.vigil.guard.model.Traffic.endpoint;
import static dev.vigil.guard.model.Traffic.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import dev.vigil.discovery.SensitiveField;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExfiltrationTest {
    final MutableClock clock = new MutableClock(Traffic.T0);

    @Test
    void flagsACallerPastTheByteLimitAndKeepsItFlaggedForOneWindow() {
        ExfiltrationModel m = new ExfiltrationModel(Duration.ofMinutes(5), 0, 10, 200, 1_000_000, 100, clock);
        assertThat(m.responded("mallory", 600_000)).isEmpty();
        assertThat(m.flagged("mallory")).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(m.responded("mallory", 600_000)).get().satisfies(d -> assertThat(d.evidence())
                .contains("1200000 response bytes"));
        assertThat(m.flagged("mallory")).isPresent();
        assertThat(m.flagged("alice")).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        assertThat(m.flagged("mallory")).isEmpty();
        assertThat(m.anyFlagged()).isFalse();
    }

    @Test
    void toleratesSteadyModerateByteVolume() {
        ExfiltrationModel m = new ExfiltrationModel(Duration.ofMinutes(5), 0, 10, 200, 1_000_000, 100, clock);
        for (int i = 0; i < 100; i++) {
            // 50 KB every 30 s: at most 500 KB in any 5-minute window.
            assertThat(m.responded("alice", 50_000)).isEmpty();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(m.flagged("alice")).isEmpty();
    }

    @Test
    void forgetsTheLeastRecentlyActiveCallerPastItsCapAndCountsIt() {
        ExfiltrationModel m = new ExfiltrationModel(Duration.ofMinutes(10), 100, 10, 50, 0, 2, clock);
        m.received("a", 60);
        m.received("b", 1);
        m.received("a", 1);
        m.received("c", 1);
        assertThat(m.trackedCallers()).isEqualTo(2);
        assertThat(m.evictions()).isEqualTo(1);
        // "a" stayed (recently active) and still has its 61 records; "b" was forgotten.
        assertThat(m.received("a", 40)).isPresent();
        assertThat(m.received("b", 99)).isEmpty();
    }

    @Test
    void flagsACallerPastTheAbsoluteCapOncePerWindow() {
        ExfiltrationModel m = new ExfiltrationModel(Duration.ofMinutes(10), 100, 10, 50, 100, clock);
        assertThat(m.received("alice", 60)).isEmpty();
        assertThat(m.received("alice", 40)).isEmpty();
        assertThat(m.received("alice", 1)).get().isInstanceOf(Detection.Exfiltration.class);
        assertThat(m.received("alice", 50)).isEmpty();
        assertThat(m.received("bob", 99)).isEmpty();
    }

    @Test
    void theWindowSlides() {
        ExfiltrationModel m = new ExfiltrationModel(Duration.ofMinutes(10), 100, 10, 50, 100, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(m.received("alice", 60)).isEmpty();
            clock.advance(Duration.ofMinutes(11));
        }
        assertThat(m.received("bob", 60)).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        assertThat(m.received("bob", 60)).get().satisfies(d -> assertThat(d.evidence())
                .contains("received 120"));
    }

    @Test
    void flagsASpikeFarAboveTheCallersOwnBaselineButNotItsSteadyVolume() {
        ExfiltrationModel m = new ExfiltrationModel(Duration.ofMinutes(10), 0, 10, 200, 100, clock);
        for (int window = 0; window < 5; window++) {
            for (int i = 0; i < 10; i++) {
                assertThat(m.received("steady-bulk", 300)).isEmpty();
                assertThat(m.received("alice", 5)).isEmpty();
                clock.advance(Duration.ofMinutes(1));
            }
        }
        assertThat(m.received("steady-bulk", 300)).isEmpty();
        assertThat(m.received("alice", 5000)).get().satisfies(d -> assertThat(d.evidence())
                .contains("alice")
                .contains("received 5045")
                .contains("baseline 50"));
    }

    @Test
    void countsSensitiveRecordsInResponsesOfEndpointsTheInventoryMarks() {
        ModelConfig config = ModelConfig.DEFAULTS.withExfiltration(Duration.ofMinutes(10), 3, 10, 200);
        ModelDetectors model = ModelDetectors.of(
                List.of(
                        endpoint(
                                "GET",
                                "/customers",
                                100,
                                List.of(),
                                Map.of(),
                                List.of(new SensitiveField("response:$.items[].email", "email", "PII", 0.9, 10, 10))),
                        endpoint("GET", "/catalog", 100, List.of())),
                List.of(),
                config,
                Classifier.builtIn(),
                clock);
        String four = "{\"items\":[{\"email\":\"a@x.io\"},{\"email\":\"b@x.io\"},{\"email\":\"c@x.io\"},"
                + "{\"email\":\"d@x.io\"}]}";
        List<Detection> found =
                model.inspectResponse(exchange("GET", "/customers", "", 200, four, "Authorization", basic("alice")));
        assertThat(found).singleElement().isInstanceOf(Detection.Exfiltration.class);
        assertThat(found.get(0).evidence()).doesNotContain("a@x.io");
        assertThat(model.inspectResponse(exchange("GET", "/catalog", "", 200, four, "Authorization", basic("bob"))))
                .isEmpty();
        String two = "{\"items\":[{\"email\":\"a@x.io\"},{\"email\":\"b@x.io\"}]}";
        assertThat(model.inspectResponse(exchange("GET", "/customers", "", 200, two, "Authorization", basic("carol"))))
                .isEmpty();
    }
}
