package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Per-caller and per-source state stays within its caps, and what is forgotten is counted. */
class DetectorMemoryCapsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void windowedSetsForgetTheLeastRecentlyUsedKeyPastTheCap() {
        WindowedSets sets = new WindowedSets(60_000, 3, 100);
        for (String key : new String[] {"a", "b", "c"}) {
            sets.add(key, "1", clock.millis());
        }
        sets.add("a", "2", clock.millis());
        sets.add("d", "1", clock.millis());
        assertThat(sets.keys()).isEqualTo(3);
        assertThat(sets.evictions()).isEqualTo(1);
        assertThat(sets.count("b", clock.millis()))
                .as("least recently used, forgotten")
                .isZero();
        assertThat(sets.count("a", clock.millis())).isEqualTo(2);
    }

    @Test
    void windowedSetsKeepAtMostTheMemberCapPerKeyAndCountTheRest() {
        WindowedSets sets = new WindowedSets(60_000, 10, 5);
        for (int i = 0; i < 12; i++) {
            assertThat(sets.add("caller", "id" + i, clock.millis())).isLessThanOrEqualTo(5);
        }
        assertThat(sets.evictions()).isEqualTo(7);
    }

    @Test
    void aMemberSeenAgainIsKeptAsNewWhileOlderOnesAgeOut() {
        WindowedSets sets = new WindowedSets(10, 10, 5);
        sets.add("caller", "a", 0);
        sets.add("caller", "b", 1);
        sets.add("caller", "a", 8);
        // At 12 ms b (seen at 1) is out of the 10 ms window; a (seen again at 8) is not.
        assertThat(sets.count("caller", 12)).isEqualTo(1);
        assertThat(sets.add("caller", "c", 12)).isEqualTo(2);
    }

    @Test
    void membersThatAgeOutOfTheWindowAreNotEvictions() {
        WindowedSets sets = new WindowedSets(60_000, 10, 5);
        sets.add("caller", "1", clock.millis());
        clock.advance(Duration.ofMinutes(2));
        assertThat(sets.count("caller", clock.millis())).isZero();
        assertThat(sets.evictions()).isZero();
    }

    @Test
    void enumerationStillFlagsAtTheMemberCapAndCountsEvictedCallers() {
        EnumerationDetector d = new EnumerationDetector(3, Duration.ofMinutes(1), clock);
        for (int i = 1; i <= 3; i++) {
            assertThat(d.observe("jwt:mallory", "GET", "/orders/" + i)).isEmpty();
        }
        // Past the cap the count saturates above the threshold, so the caller stays flagged.
        for (int i = 4; i <= 20; i++) {
            assertThat(d.observe("jwt:mallory", "GET", "/orders/" + i)).isPresent();
        }
        assertThat(d.evictions()).isPositive();
        assertThat(d.observe("jwt:alice", "GET", "/orders/1")).isEmpty();
    }

    @Test
    void rateLimiterTracksAtMostItsCapOfCallers() {
        RateLimiter r = new RateLimiter(1, Duration.ofMinutes(1), clock, 100);
        for (int i = 0; i < 250; i++) {
            assertThat(r.acquire("ip:10.0." + (i / 256) + "." + (i % 256))).isEmpty();
        }
        assertThat(r.callers()).isEqualTo(100);
        assertThat(r.evictions()).isEqualTo(150);
        // A caller still tracked is limited; a forgotten one starts again with a full bucket.
        assertThat(r.acquire("ip:10.0.0.249")).isPresent();
        assertThat(r.acquire("ip:10.0.0.0")).isEmpty();
    }
}
