package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.BusinessFlow;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Business-flow checks (API6) over {@link FlowPlan}s: a step that works without the step before it
 * ({@link #skipStep}), and a one-time step that has effect twice ({@link #replayStep}). Effects are
 * judged on {@link StateViews}: what the acting identity reads about the object and the objects it
 * names, before and after each step. Every object is created by the flow itself.
 */
final class BusinessFlowRunners {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final String OWN = "own.";

    private BusinessFlowRunners() {}

    /** One run of a flow on one fresh object, as one identity. */
    static final class Run {
        final Identity who;
        final Map<String, String> vars = new LinkedHashMap<>();
        final Map<String, String> refs = new LinkedHashMap<>();
        Optional<String> createdId = Optional.empty();
        Optional<URI> objectUrl = Optional.empty();
        HttpCall last;

        Run(Identity who) {
            this.who = who;
        }

        /** The same object, acted on by another identity (a checker taking the creator's object). */
        Run actingAs(Identity other) {
            Run r = new Run(other);
            r.vars.putAll(vars);
            r.refs.putAll(refs);
            r.createdId = createdId;
            r.objectUrl = objectUrl;
            return r;
        }
    }

    /**
     * For each flow where the operation is step k ≥ 2: run the flow to step k on one object, then
     * on a fresh object run it to step k − 2 and call step k directly. A success whose effect on
     * the state matches the full flow's is the finding; for an inferred order the API must also
     * refuse the skipped step afterwards (otherwise the steps are independent).
     */
    static List<Finding> skipStep(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        for (FlowPlan flow : ctx.flows) {
            int k = flow.indexOf(op);
            if (k < 2) {
                continue;
            }
            for (Identity who : ctx.byLevel()) {
                Run full = new Run(who);
                if (!steps(ctx, flow, k - 1, full, test.id() + " flow")) {
                    continue;
                }
                List<StateViews.Witness> view = view(ctx, full);
                Map<String, String> s0 = StateViews.read(ctx, who, view, "state read");
                Map<String, String> s0b = StateViews.read(ctx, who, view, "state read");
                Set<String> restless = restless(s0, s0b);
                Optional<Attempt> c = send(ctx, flow, k, full, test.id() + " flow");
                if (c.isEmpty() || !Verdicts.effectiveSuccess(c.get().result())) {
                    break; // the full flow does not work for this step: nothing to compare
                }
                Map<String, String> s1 = StateViews.read(ctx, who, view, "state read");
                Run skip = new Run(who);
                if (!steps(ctx, flow, k - 2, skip, test.id() + " flow")) {
                    break;
                }
                List<StateViews.Witness> skipView = view(ctx, skip);
                Map<String, String> t0 = StateViews.read(ctx, who, skipView, "state read");
                Optional<Attempt> skipped = send(ctx, flow, k, skip, test.id());
                if (skipped.isEmpty()) {
                    break;
                }
                Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(skipped.get(), null));
                if (!v.vulnerable()) {
                    return List.of(); // refused without the step before it: the flow holds
                }
                Map<String, String> t1 = StateViews.read(ctx, who, skipView, "state read");
                List<String> effect = StateViews.sameEffect(s0b, s1, t0, t1, restless);
                if (effect.isEmpty()) {
                    return List.of(); // accepted but without the effect it has in the full flow
                }
                List<Attempt> evidence = new ArrayList<>(List.of(c.get(), skipped.get()));
                Operation skippedOp = flow.steps().get(k - 1).op();
                if (!flow.orderKnown()) {
                    Optional<Attempt> back = send(ctx, flow, k - 1, skip, test.id() + " order check");
                    if (back.isEmpty() || Verdicts.effectiveSuccess(back.get().result())) {
                        break; // the skipped step still works afterwards: independent steps, not an order
                    }
                    evidence.add(back.get());
                }
                return List.of(ctx.finding(
                        test,
                        op,
                        who.name(),
                        "flow:" + flow.name(),
                        v,
                        false,
                        op.key() + " took effect without " + skippedOp.key() + " (" + flow.origin() + "): "
                                + String.join(", ", effect),
                        evidence));
            }
        }
        return List.of();
    }

    /**
     * For each flow where the operation is step k ≥ 1: run the flow to step k − 1, send step k,
     * then send the identical request again. A second success is the finding when a quantity the
     * first one moved moves again the same way, or the second answer creates another object.
     */
    static List<Finding> replayStep(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        for (FlowPlan flow : ctx.flows) {
            int k = flow.indexOf(op);
            if (k < 1) {
                continue;
            }
            for (Identity who : ctx.byLevel()) {
                Run run = new Run(who);
                if (!steps(ctx, flow, k - 1, run, test.id() + " flow")) {
                    continue;
                }
                List<StateViews.Witness> view = view(ctx, run);
                Map<String, String> s0 = StateViews.read(ctx, who, view, "state read");
                Map<String, String> s0b = StateViews.read(ctx, who, view, "state read");
                Optional<Attempt> first = send(ctx, flow, k, run, test.id() + " flow");
                if (first.isEmpty() || !Verdicts.effectiveSuccess(first.get().result())) {
                    break; // this flow does not reach the step; try the next one
                }
                Map<String, String> s1 = StateViews.read(ctx, who, view, "state read");
                Optional<Attempt> second = ctx.requester.send(who, run.last, test.id());
                if (second.isEmpty()) {
                    return List.of();
                }
                Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(second.get(), null));
                if (!v.vulnerable()) {
                    return List.of(); // the replay is refused
                }
                Map<String, String> s2 = StateViews.read(ctx, who, view, "state read");
                List<String> moved = new ArrayList<>(StateViews.movedTwice(s0b, s1, s2, restless(s0, s0b)));
                Optional<CreatedObjects.Created> a = CreatedObjects.parse(first.get());
                Optional<CreatedObjects.Created> b = CreatedObjects.parse(second.get());
                if (a.isPresent()
                        && b.isPresent()
                        && !a.get().candidates().equals(b.get().candidates())) {
                    moved.add("the replay created another object");
                }
                if (moved.isEmpty()) {
                    return List.of(); // accepted but idempotent
                }
                return List.of(ctx.finding(
                        test,
                        op,
                        who.name(),
                        "flow:" + flow.name(),
                        v,
                        false,
                        "the same " + op.key() + " had effect twice (" + flow.origin() + "): "
                                + String.join(", ", moved),
                        List.of(first.get(), second.get())));
            }
        }
        return List.of();
    }

    static Set<String> restless(Map<String, String> a, Map<String, String> b) {
        Set<String> out = new LinkedHashSet<>(StateViews.changed(a, b));
        out.addAll(StateViews.changed(b, a));
        return out;
    }

    /** Sends steps 0..last (inclusive); all must succeed. */
    static boolean steps(ScanContext ctx, FlowPlan flow, int last, Run run, String purpose)
            throws InterruptedException {
        for (int i = 0; i <= last; i++) {
            Optional<Attempt> a = send(ctx, flow, i, run, purpose);
            if (a.isEmpty() || !Verdicts.effectiveSuccess(a.get().result())) {
                return false;
            }
        }
        return true;
    }

    /** The object itself (when a GET reads it) and the objects its references name. */
    static List<StateViews.Witness> view(ScanContext ctx, Run run) {
        Map<String, StateViews.Witness> out = new LinkedHashMap<>();
        run.objectUrl
                .flatMap(u -> CreatedObjects.match(ctx.target.operations(), ctx.target.baseUrl(), u, "GET"))
                .flatMap(m -> ctx.call(m.getKey(), m.getValue()).map(c -> new StateViews.Witness(m.getKey(), c)))
                .ifPresent(w -> out.put(w.call().url().toString(), w));
        Map<String, String> refs = new LinkedHashMap<>(run.refs);
        refs.putAll(run.vars);
        for (StateViews.Witness w : StateViews.witnesses(ctx, refs)) {
            out.putIfAbsent(w.call().url().toString(), w);
        }
        return List.copyOf(out.values());
    }

    /** Builds and sends step i of the flow within the run; empty when it cannot be built or policy refuses it. */
    static Optional<Attempt> send(ScanContext ctx, FlowPlan flow, int i, Run run, String purpose)
            throws InterruptedException {
        FlowPlan.Step step = flow.steps().get(i);
        Operation op = step.op();
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> known = i == 0 ? ctx.values(run.who, op) : Map.of();
        List<String> unbound = new ArrayList<>();
        for (String p : op.pathParameterNames()) {
            String v = run.vars.getOrDefault(p, known.get(p));
            if (v == null) {
                unbound.add(p);
            } else {
                path.put(p, v);
            }
        }
        if (!unbound.isEmpty()) {
            // the object the first step created names the one parameter left
            if (unbound.size() != 1 || run.createdId.isEmpty()) {
                return Optional.empty();
            }
            path.put(unbound.getFirst(), run.createdId.get());
        }
        Optional<HttpCall> built = ctx.call(op, path);
        if (built.isEmpty()) {
            return Optional.empty();
        }
        HttpCall call = built.get();
        if (!step.body().isEmpty()) {
            Matcher m = PLACEHOLDER.matcher(step.body());
            StringBuilder body = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                // ${own.field}: the acting identity's own value for an id-like field (its account)
                String value = name.startsWith(OWN)
                        ? ctx.oracle.referenceValues(run.who, name.substring(OWN.length())).stream()
                                .findFirst()
                                .orElse("")
                        : run.vars.getOrDefault(name, "");
                m.appendReplacement(body, Matcher.quoteReplacement(value));
            }
            m.appendTail(body);
            call = call.withBody(body.toString());
            if (call.header("Content-Type").isEmpty()) {
                call = call.withHeader("Content-Type", "application/json");
            }
        } else {
            call = ctx.withOwnReferences(run.who, call);
        }
        Optional<Attempt> a = ctx.requester.send(run.who, call, purpose);
        run.last = call;
        if (a.isEmpty() || !Verdicts.effectiveSuccess(a.get().result())) {
            return a;
        }
        path.forEach(run.vars::putIfAbsent);
        HttpResult r = a.get().result();
        step.extract().forEach((name, x) -> extract(x, r).ifPresent(v -> run.vars.put(name, v)));
        if (i == 0) {
            Optional<CreatedObjects.Created> created = CreatedObjects.parse(a.get());
            created.flatMap(CreatedObjects.Created::id).ifPresent(id -> run.createdId = Optional.of(id));
            if (run.createdId.isEmpty()) {
                created.flatMap(CreatedObjects.Created::location).ifPresent(u -> {
                    String p = u.getRawPath().replaceAll("/+$", "");
                    run.createdId = Optional.of(p.substring(p.lastIndexOf('/') + 1));
                });
            }
            run.objectUrl = created.flatMap(c -> c.candidates().stream()
                    .filter(u -> CreatedObjects.match(ctx.target.operations(), ctx.target.baseUrl(), u, "GET")
                            .isPresent())
                    .findFirst());
            run.refs.putAll(StateViews.references(call.body()));
            run.refs.putAll(StateViews.references(r.body()));
            run.refs.remove("id");
        }
        return a;
    }

    static Optional<String> extract(BusinessFlow.Extract x, HttpResult r) {
        String raw;
        if (x.from().startsWith("header:")) {
            raw = r.header(x.from().substring("header:".length())).orElse(null);
        } else {
            try {
                JsonNode n = JSON.readTree(r.body());
                if (n != null && !x.pointer().isEmpty()) {
                    n = n.at(x.pointer());
                }
                raw = n == null || n.isMissingNode() || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
            } catch (IOException e) {
                raw = r.body();
            }
        }
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (x.regex().isEmpty()) {
            return Optional.of(raw);
        }
        Matcher m = Pattern.compile(x.regex()).matcher(raw);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group());
    }
}
