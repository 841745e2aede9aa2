package dev.vigil.guard.model;

import static dev.vigil.guard.model.Traffic.head;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import dev.vigil.guard.alert.AlertLog;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.policy.Admission;
import dev.vigil.guard.policy.Gate;
import dev.vigil.guard.policy.IpRange;
import dev.vigil.guard.policy.Outcome;
import dev.vigil.guard.policy.RoutePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelGateTest {
    final MutableClock clock = new MutableClock(Traffic.T0);
    final AlertLog alerts = new AlertLog(100);
    final ModelDetectors model =
            ModelDetectors.of(SpecModelTest.INVENTORY, List.of(), ModelConfig.DEFAULTS, Classifier.builtIn(), clock);

    static RoutePolicy policy(RoutePolicy.Mode mode, List<IpRange> allow) {
        RoutePolicy d = RoutePolicy.DEFAULT;
        return new RoutePolicy(
                mode,
                d.onError(),
                allow,
                d.deny(),
                d.injection(),
                d.rateLimit(),
                d.enumeration(),
                d.credentialAttacks(),
                d.tokens(),
                30,
                d.loginPaths(),
                d.inspectBodyBytes(),
                d.graphql(),
                d.mcp(),
                d.streamInspectBytes());
    }

    @Test
    void throttleModeAnswers429WithTheRoutesRetryAfter() {
        Gate gate = new ModelGate(Gate.OPEN, r -> policy(RoutePolicy.Mode.THROTTLE, List.of()), model, alerts, clock);
        assertThat(gate.admit(head("GET", "/admin/export")))
                .isEqualTo(new Admission.Refuse(429, "throttled", "Too many requests", 30));
        assertThat(alerts.recent()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("throttled");
            assertThat(a.type()).isEqualTo("spec.unknown-endpoint");
            assertThat(a.caller()).isEqualTo("ip:10.0.0.9");
        });
        assertThat(gate.admit(head("GET", "/users/7"))).isEqualTo(Admission.FORWARD);
        assertThat(alerts.total()).isEqualTo(1);
    }

    @Test
    void allowListedSourcesSkipTheModel() {
        Gate gate = new ModelGate(
                Gate.OPEN,
                r -> policy(RoutePolicy.Mode.BLOCK, List.of(IpRange.parse("10.0.0.0/8"))),
                model,
                alerts,
                clock);
        assertThat(gate.admit(head("GET", "/admin/export"))).isEqualTo(Admission.FORWARD);
        assertThat(alerts.total()).isZero();
    }

    @Test
    void theInnerGatesRefusalStandsAndTheModelIsNotAsked() {
        Admission.Refuse denied = new Admission.Refuse(403, "blocked", "Request blocked by policy", 0);
        Gate refusing = new Gate() {
            @Override
            public Admission admit(RequestHead head) {
                return denied;
            }

            @Override
            public void completed(RequestHead head, Outcome outcome) {}

            @Override
            public Admission onAnalysisFailure(String route) {
                return Admission.FORWARD;
            }
        };
        Gate gate = new ModelGate(refusing, r -> policy(RoutePolicy.Mode.BLOCK, List.of()), model, alerts, clock);
        assertThat(gate.admit(head("GET", "/admin/export"))).isSameAs(denied);
        assertThat(alerts.total()).isZero();
    }
}
