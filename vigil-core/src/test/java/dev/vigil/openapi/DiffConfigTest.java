package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiffConfigTest {
    @Test
    void ignoresListedHostsOnAnyPortAndWildcardSubdomains() {
        DiffConfig config = new DiffConfig(Duration.ofDays(1), Set.of("Health.Example.com", "*.internal"));

        assertThat(config.ignores("health.example.com")).isTrue();
        assertThat(config.ignores("health.example.com:8080")).isTrue();
        assertThat(config.ignores("metrics.svc.internal")).isTrue();
        assertThat(config.ignores("api.example.com")).isFalse();
        assertThat(config.ignores("internal")).isFalse();
        assertThat(config.ignores("notinternal")).isFalse();
    }

    @Test
    void rejectsANonPositiveZombieAge() {
        assertThatThrownBy(() -> new DiffConfig(Duration.ZERO, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zombieAfter");
    }

    @Test
    void defaultsToThirtyDaysAndNoIgnoredHosts() {
        assertThat(DiffConfig.defaults()).isEqualTo(new DiffConfig(Duration.ofDays(30), Set.of()));
    }
}
