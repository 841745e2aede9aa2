package dev.vigil.guard.policy;

import dev.vigil.guard.alert.AlertLog;
import dev.vigil.guard.detect.Credentials;
import dev.vigil.guard.detect.RequestHead;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link Gate} that applies a {@link Policy}: runs each route's detectors on the request head,
 * decides per the route's mode, and records every decision as an alert. {@link #update} swaps the
 * policy atomically for requests that start afterwards (per-route detector state starts afresh).
 */
public final class Enforcer implements Gate {
    private final Clock clock;
    private final AlertLog alerts;
    private final Credentials credentials = new Credentials();
    private volatile Compiled compiled;

    private record Compiled(Policy policy, RouteGuard defaults, Map<String, RouteGuard> routes) {}

    public Enforcer(Policy policy, Clock clock, AlertLog alerts) {
        this.clock = clock;
        this.alerts = alerts;
        update(policy);
    }

    public void update(Policy policy) {
        Map<String, RouteGuard> routes = new TreeMap<>();
        policy.routes().forEach((name, rp) -> routes.put(name, new RouteGuard(rp, clock, alerts, credentials)));
        compiled = new Compiled(policy, new RouteGuard(policy.defaults(), clock, alerts, credentials), routes);
    }

    /**
     * Per-caller and per-source detector state forgotten at the memory caps, for the policy in force
     * (a reload starts the detectors, and this count, afresh).
     */
    public long evictions() {
        Compiled c = compiled;
        long n = c.defaults().evictions();
        for (RouteGuard g : c.routes().values()) {
            n += g.evictions();
        }
        return n;
    }

    public Policy policy() {
        return compiled.policy();
    }

    private RouteGuard guard(String route) {
        Compiled c = compiled;
        RouteGuard g = c.routes().get(route);
        return g != null ? g : c.defaults();
    }

    @Override
    public Admission admit(RequestHead head) {
        return guard(head.route()).admit(head);
    }

    @Override
    public void completed(RequestHead head, Outcome outcome) {
        guard(head.route()).completed(head, outcome);
    }

    @Override
    public int bodyInspectionLimit(RequestHead head) {
        return guard(head.route()).bodyInspectionLimit();
    }

    @Override
    public Admission admitBody(RequestHead head, byte[] body, int length) {
        return guard(head.route()).admitBody(head, body, length);
    }

    @Override
    public StreamCheck streamCheck(RequestHead head) {
        return guard(head.route()).streamCheck(head);
    }

    @Override
    public Admission onAnalysisFailure(String route) {
        return switch (guard(route).policy().onError()) {
            case OPEN -> Admission.FORWARD;
            case CLOSED -> new Admission.Refuse(503, "analysis-failed", "Request could not be checked", 0);
        };
    }
}
