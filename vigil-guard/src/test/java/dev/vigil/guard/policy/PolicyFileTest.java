package dev.vigil.guard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyFileTest {
    @Test
    void readsRoutePoliciesThatOverrideDefaultsFieldByField() {
        Policy p = PolicyFile.parse("""
                version: 1
                defaults:
                  mode: monitor
                  onError: closed
                routes:
                  api:
                    mode: block
                    deny: ["203.0.113.0/24", "2001:db8::/32"]
                    rateLimit: { requests: 100, perSeconds: 1 }
                    enumeration: { maxDistinctIds: 30, windowSeconds: 60 }
                """, "test");
        RoutePolicy api = p.forRoute("api");
        assertThat(api.mode()).isEqualTo(RoutePolicy.Mode.BLOCK);
        assertThat(api.onError()).isEqualTo(RoutePolicy.FailMode.CLOSED);
        assertThat(api.rateLimit()).isEqualTo(new RoutePolicy.RateLimit(100, Duration.ofSeconds(1)));
        assertThat(api.enumeration().maxDistinctIds()).isEqualTo(30);
        assertThat(api.deny().get(0).contains("203.0.113.77")).isTrue();
        assertThat(api.deny().get(0).contains("203.0.114.1")).isFalse();
        assertThat(api.deny().get(1).contains("2001:db8:1::5")).isTrue();
        assertThat(p.forRoute("other").mode()).isEqualTo(RoutePolicy.Mode.MONITOR);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> PolicyFile.parse("""
                        version: 2
                        colour: blue
                        routes:
                          api:
                            mode: sometimes
                            deny: ["not-an-ip", "10.0.0.0/99"]
                            rateLimit: { requests: -1, per: 5 }
                        """, "p.yaml"))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                        .hasSize(7)
                        .anySatisfy(s -> assertThat(s).startsWith("version"))
                        .anySatisfy(s -> assertThat(s).startsWith("colour: unknown key"))
                        .anySatisfy(s -> assertThat(s).contains("routes.api.mode: 'sometimes'"))
                        .anySatisfy(s -> assertThat(s).contains("not-an-ip"))
                        .anySatisfy(s -> assertThat(s).contains("10.0.0.0/99"))
                        .anySatisfy(s -> assertThat(s).contains("rateLimit.requests"))
                        .anySatisfy(s -> assertThat(s).contains("rateLimit.per: unknown key")));
    }

    @Test
    void namesTheReplacementOfRemovedDetectorKeysThatAskForADetection() {
        assertThatThrownBy(() -> PolicyFile.parse("""
                        version: 1
                        routes:
                          api:
                            bolaAlerts: true
                            undocumentedEndpoints: true
                            exfiltration: { maxResponseBytes: 1000000, windowSeconds: 300 }
                        """, "p.yaml"))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .allSatisfy(s -> assertThat(s).contains("was removed").contains("--model"))
                        .anySatisfy(s -> assertThat(s).startsWith("routes.api.bolaAlerts"))
                        .anySatisfy(s -> assertThat(s).startsWith("routes.api.undocumentedEndpoints"))
                        .anySatisfy(s -> assertThat(s).startsWith("routes.api.exfiltration")));
    }

    @Test
    void stillLoadsRemovedDetectorKeysThatKeptTheirDetectorOff() {
        Policy p = PolicyFile.parse("""
                version: 1
                routes:
                  api:
                    mode: block
                    bolaAlerts: false
                    undocumentedEndpoints: false
                    exfiltration: { maxResponseBytes: 0, windowSeconds: 300 }
                    streamInspectBytes: 1048576
                """, "p.yaml");
        assertThat(p.forRoute("api").mode()).isEqualTo(RoutePolicy.Mode.BLOCK);
        assertThat(p.forRoute("api").streamInspectBytes()).isEqualTo(1_048_576);
    }

    @Test
    void rejectsTextThatIsNotYaml() {
        assertThatThrownBy(() -> PolicyFile.parse("version: [1\n", "p.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("not valid YAML");
    }
}
