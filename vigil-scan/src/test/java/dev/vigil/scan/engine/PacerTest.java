package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    @Test
    void spacesRequestsToTheConfiguredRate() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<Duration> waits = new ArrayList<>();
        Pacer pacer = new Pacer(
                clock,
                d -> {
                    waits.add(d);
                    clock.advance(d);
                },
                4);
        for (int i = 0; i < 5; i++) {
            pacer.acquire();
        }
        assertThat(waits).containsOnly(Duration.ofMillis(250)).hasSize(4);
    }

    @Test
    void unpacedNeverWaitsAndIdleTimeIsNotBanked() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<Duration> waits = new ArrayList<>();
        new Pacer(clock, waits::add, 0).acquire();
        Pacer paced = new Pacer(
                clock,
                d -> {
                    waits.add(d);
                    clock.advance(d);
                },
                2);
        paced.acquire();
        clock.advance(Duration.ofSeconds(10));
        paced.acquire();
        paced.acquire();
        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }
}
