package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Condition;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identities;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import dev.vigil.scan.surface.Target;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared state of one scan run: the target, identities, the requester (the only way out), the
 * ownership oracle, cached original observations and the not-found baselines used against
 * catch-all routes. Runners read from it; it is safe for concurrent use.
 */
final class ScanContext {
    final Target target;
    final Identities identities;
    final ScanPolicy policy;
    final Requester requester;
    final OwnershipOracle oracle;
    final CallbackListener listener;
    final Clock clock;
    /** Business flows to test (declared, linked, inferred). */
    final List<FlowPlan> flows;

    private final Map<String, Optional<Observation>> observations = new ConcurrentHashMap<>();
    // locks, not monitors: a virtual thread blocked on the network inside synchronized pins its carrier on Java 21
    private final Map<String, java.util.concurrent.locks.ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> catchAll = new ConcurrentHashMap<>();
    /** Built on first use: only the property-exposure tests classify values. */
    private volatile dev.vigil.classify.Classifier classifier;

    ScanContext(
            Target target,
            Identities identities,
            ScanPolicy policy,
            Requester requester,
            OwnershipOracle oracle,
            CallbackListener listener,
            Clock clock,
            List<FlowPlan> flows) {
        this.flows = List.copyOf(flows);
        this.target = target;
        this.identities = identities;
        this.policy = policy;
        this.requester = requester;
        this.oracle = oracle;
        this.listener = listener;
        this.clock = clock;
    }

    /** Authenticated identities, least privileged first (file order within a level). */
    List<Identity> byLevel() {
        return identities.authenticated().stream()
                .sorted(Comparator.comparingInt(identities::level))
                .toList();
    }

    /** The built-in sensitive-data classifier of vigil-core, shared by the runners of this scan. */
    dev.vigil.classify.Classifier classifier() {
        dev.vigil.classify.Classifier c = classifier;
        if (c == null) {
            synchronized (this) {
                if (classifier == null) {
                    classifier = dev.vigil.classify.Classifier.builtIn();
                }
                c = classifier;
            }
        }
        return c;
    }

    Optional<HttpCall> call(Operation op, Map<String, String> pathValues) {
        try {
            return Optional.of(op.call(target.baseUrl(), pathValues, Map.of()));
        } catch (IllegalArgumentException badUrl) {
            return Optional.empty();
        }
    }

    /**
     * Values this identity has seen for the operation's path parameters (samples fill the rest).
     * A DELETE takes an object this identity created during the scan when there is one (newest
     * first), so that tests which need the working request delete scan data, not existing data.
     */
    Map<String, String> values(Identity identity, Operation op) {
        if (op.method().equals("DELETE") && op.hasPathParameters()) {
            List<CreatedObjects.Created> created =
                    new java.util.ArrayList<>(requester.created().all());
            java.util.Collections.reverse(created);
            for (CreatedObjects.Created c : created) {
                if (!c.identity().equals(identity.name())) {
                    continue;
                }
                for (java.net.URI u : c.candidates()) {
                    Optional<Map.Entry<Operation, Map<String, String>>> m =
                            CreatedObjects.match(List.of(op), target.baseUrl(), u, op.method());
                    if (m.isPresent()) {
                        return m.get().getValue();
                    }
                }
            }
        }
        return oracle.anyValues(identity, op);
    }

    /**
     * The call with its top-level id-like JSON body fields ({@code fromAccountId}) set to values
     * this identity has seen for them, so a sample body refers to the caller's own objects.
     */
    HttpCall withOwnReferences(Identity identity, HttpCall call) {
        if (call.body().isBlank() || !call.body().strip().startsWith("{")) {
            return call;
        }
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode body =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(call.body());
            boolean changed = false;
            for (String name : new java.util.ArrayList<>(iterable(body.fieldNames()))) {
                if (!body.get(name).isValueNode()) {
                    continue;
                }
                List<String> mine = oracle.referenceValues(identity, name);
                if (!mine.isEmpty()) {
                    String v = mine.getFirst();
                    if (body.get(name).isIntegralNumber() && v.matches("-?\\d{1,18}")) {
                        body.put(name, Long.parseLong(v));
                    } else {
                        body.put(name, v);
                    }
                    changed = true;
                }
            }
            return changed ? call.withBody(json.writeValueAsString(body)) : call;
        } catch (java.io.IOException | ClassCastException e) {
            return call;
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    Optional<Observation> observe(Identity identity, Operation op) throws InterruptedException {
        Optional<HttpCall> call = call(op, values(identity, op));
        return call.isEmpty() ? Optional.empty() : observe(identity, call.get());
    }

    /**
     * The original answer for a call as an identity, sent twice to learn volatile fields; cached.
     * Empty when policy refuses the call.
     */
    Optional<Observation> observe(Identity identity, HttpCall call) throws InterruptedException {
        String key = identity.name() + "|" + call.method() + "|" + call.url() + "|" + call.body();
        Optional<Observation> known = observations.get(key);
        if (known != null) {
            return known;
        }
        java.util.concurrent.locks.ReentrantLock lock =
                locks.computeIfAbsent(key, k -> new java.util.concurrent.locks.ReentrantLock());
        lock.lockInterruptibly();
        try {
            known = observations.get(key);
            if (known != null) {
                return known;
            }
            Optional<Observation> result = Optional.empty();
            Optional<Attempt> first = requester.send(identity, call, "baseline");
            if (first.isPresent()) {
                Attempt a = first.get();
                java.util.Set<String> volatilePaths = java.util.Set.of();
                if (!Requester.destructive(call)) {
                    Optional<Attempt> second = requester.send(identity, call, "baseline");
                    if (second.isPresent()) {
                        volatilePaths = Similarity.volatilePaths(
                                a.result(), second.get().result());
                    }
                }
                result = Optional.of(new Observation(a, call, volatilePaths));
            }
            observations.put(key, result);
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** The first identity in {@code order} whose original request for the operation succeeds. */
    Optional<Observation> firstSucceeding(Operation op, List<Identity> order) throws InterruptedException {
        for (Identity i : order) {
            Optional<Observation> o = observe(i, op);
            if (o.isPresent() && o.get().succeeded()) {
                return o;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the operation answers success for ids that cannot exist (a catch-all or soft-404
     * route), as this identity: then a success proves nothing about authorization.
     */
    boolean catchAll(Identity identity, Operation op, Attempt probe) throws InterruptedException {
        if (!op.hasPathParameters()) {
            return false;
        }
        String key = identity.name() + "|" + op.key();
        Boolean known = catchAll.get(key);
        if (known != null) {
            return known;
        }
        Map<String, String> bogus = new java.util.LinkedHashMap<>(values(identity, op));
        bogus.put(op.pathParameterNames().getLast(), "vigil-nonexistent-7f3a9c");
        boolean result = false;
        Optional<HttpCall> call = call(op, bogus);
        if (call.isPresent() && !Requester.destructive(call.get())) {
            Optional<Attempt> a = requester.send(identity, call.get(), "soft-404 baseline");
            result = a.isPresent()
                    && Verdicts.effectiveSuccess(a.get().result())
                    && Similarity.of(a.get().result(), probe.result(), java.util.Set.of()) >= 0.8;
        }
        catchAll.put(key, result);
        return result;
    }

    /** How sure a verdict is: out-of-band or content proof is strong, similarity-only less so. */
    static double confidence(CatalogTest test, Verdicts.Verdict verdict, boolean retested) {
        boolean strong = test.vulnerableIf().stream().anyMatch(c -> switch (c) {
            case Condition.CallbackReceived x -> true;
            case Condition.ReadBackHasFields x -> true;
            case Condition.BooleanDifferential x -> true;
            case Condition.BodyMatches x -> true;
            case Condition.HeaderEquals x -> true;
            case Condition.HeaderMissing x -> true;
            case Condition.FieldNameMatches x -> true;
            case Condition.NoRateLimit x -> true;
            case Condition.Delayed x -> true;
            case Condition.Proven x -> true;
            case Condition.Status x -> false;
            case Condition.SimilarToOriginal x -> false;
        });
        double c = strong ? 0.9 : verdict.similarity() >= 0.95 ? 0.95 : verdict.similarity() >= 0 ? 0.8 : 0.7;
        return retested ? c : c - 0.1;
    }

    /**
     * Whether {@code call}, sent again as {@code who}, still convinces {@code test}: a finding must
     * hold twice, so one flaky answer cannot make it. {@code probe} builds the probe from the
     * repeated attempt exactly as it was built from the first.
     */
    boolean stillVulnerable(
            CatalogTest test, Identity who, HttpCall call, java.util.function.Function<Attempt, Probe> probe)
            throws InterruptedException {
        Optional<Attempt> again = requester.send(who, call, test.id() + " re-test");
        return again.isPresent()
                && Verdicts.evaluate(test, probe.apply(again.get())).vulnerable();
    }

    Finding finding(
            CatalogTest test,
            Operation op,
            String identity,
            String location,
            Verdicts.Verdict verdict,
            boolean retested,
            String context,
            List<Attempt> evidence) {
        String detail = (context.isEmpty() ? "" : context + "; ") + String.join("; ", verdict.reasons());
        return new Finding(
                test.id(),
                test.title(),
                test.severity(),
                Math.round(confidence(test, verdict, retested) * 100) / 100.0,
                test.owasp(),
                test.cweIds(),
                target.host(),
                op.method(),
                op.pathTemplate(),
                identity,
                location,
                detail,
                test.remediation(),
                evidence);
    }
}
