package dev.vigil.guard.model;

import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.alert.AlertLog;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.Redaction;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.detect.StreamingJson;
import dev.vigil.guard.policy.Admission;
import dev.vigil.guard.policy.Gate;
import dev.vigil.guard.policy.IpRange;
import dev.vigil.guard.policy.Outcome;
import dev.vigil.guard.policy.RoutePolicy;
import dev.vigil.guard.policy.StreamCheck;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Gate} that adds the inline model detectors to another gate (the policy {@link
 * dev.vigil.guard.policy.Enforcer}): the inner gate decides first; a request it forwards is then
 * checked by {@link ModelDetectors#inspectRequest} and handled per its route's mode (monitor, block,
 * throttle), every detection recorded as an alert. Sources on the route's allow list skip the model
 * as they skip every other detector.
 */
public final class ModelGate implements Gate {
    private final Gate inner;
    private final Function<String, RoutePolicy> policies;
    private final ModelDetectors model;
    private final AlertLog alerts;
    private final Clock clock;

    public ModelGate(
            Gate inner, Function<String, RoutePolicy> policies, ModelDetectors model, AlertLog alerts, Clock clock) {
        this.inner = inner;
        this.policies = policies;
        this.model = model;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public Admission admit(RequestHead head) {
        Admission first = inner.admit(head);
        if (first instanceof Admission.Refuse) {
            return first;
        }
        RoutePolicy policy = policies.apply(head.route());
        for (IpRange r : policy.allow()) {
            if (r.contains(head.sourceAddress())) {
                return first;
            }
        }
        List<Detection> found = model.inspectRequest(head);
        if (found.isEmpty()) {
            return first;
        }
        return decide(head, policy, first, found);
    }

    private Admission decide(RequestHead head, RoutePolicy policy, Admission first, List<Detection> found) {
        record Outcome(Admission admission, String action) {}
        Outcome outcome =
                switch (policy.mode()) {
                    case MONITOR -> new Outcome(first, "monitored");
                    case BLOCK ->
                        new Outcome(new Admission.Refuse(403, "blocked", "Request blocked by policy", 0), "blocked");
                    case THROTTLE ->
                        new Outcome(
                                new Admission.Refuse(
                                        429, "throttled", "Too many requests", Math.max(1, policy.throttleSeconds())),
                                "throttled");
                };
        String caller = model.caller(head);
        for (Detection d : found) {
            alerts.add(alert(
                    alerts,
                    clock,
                    head.route(),
                    outcome.action(),
                    d,
                    caller,
                    head.sourceAddress(),
                    head.method(),
                    head.path()));
        }
        return outcome.admission();
    }

    /**
     * The inner gate's stream check, plus the operation's JSON schema in block and throttle modes
     * over the route's first {@code streamInspectBytes} bytes.
     */
    @Override
    public StreamCheck streamCheck(RequestHead head) {
        StreamCheck inner = this.inner.streamCheck(head);
        RoutePolicy policy = policies.apply(head.route());
        if (policy.mode() == RoutePolicy.Mode.MONITOR || policy.streamInspectBytes() == 0) {
            return inner;
        }
        for (IpRange r : policy.allow()) {
            if (r.contains(head.sourceAddress())) {
                return inner;
            }
        }
        StreamingJson json = model.bodyStream(head);
        if (json == null) {
            return inner;
        }
        long limit = policy.streamInspectBytes();
        return StreamCheck.both(
                inner,
                StreamCheck.limited(
                        limit, json::feed, json::end, d -> decide(head, policy, Admission.FORWARD, List.of(d))));
    }

    @Override
    public int bodyInspectionLimit(RequestHead head) {
        return inner.bodyInspectionLimit(head);
    }

    /** The inner gate's verdict on a held body, then the operation's JSON schema (block and throttle modes hold bodies). */
    @Override
    public Admission admitBody(RequestHead head, byte[] body, int length) {
        Admission first = inner.admitBody(head, body, length);
        if (first instanceof Admission.Refuse) {
            return first;
        }
        RoutePolicy policy = policies.apply(head.route());
        for (IpRange r : policy.allow()) {
            if (r.contains(head.sourceAddress())) {
                return first;
            }
        }
        StreamingJson json = model.bodyStream(head);
        if (json == null) {
            return first;
        }
        Detection d = json.feed(body, 0, length);
        if (d == null) {
            d = json.end();
        }
        return d == null ? first : decide(head, policy, first, List.of(d));
    }

    @Override
    public void completed(RequestHead head, Outcome outcome) {
        inner.completed(head, outcome);
        model.responded(head, outcome.responseBytes())
                .ifPresent(d -> alerts.add(alert(
                        alerts,
                        clock,
                        head.route(),
                        "detected-after-forwarding",
                        d,
                        model.caller(head),
                        head.sourceAddress(),
                        head.method(),
                        head.path())));
    }

    @Override
    public Admission onAnalysisFailure(String route) {
        return inner.onAnalysisFailure(route);
    }

    static Alert alert(
            AlertLog alerts,
            Clock clock,
            String route,
            String action,
            Detection d,
            String caller,
            String source,
            String method,
            String path) {
        return new Alert(
                alerts.nextSequence(),
                clock.instant(),
                route,
                action,
                d.type(),
                d.evidence(),
                source,
                Redaction.excerpt(caller),
                method,
                Redaction.excerpt(path));
    }
}
