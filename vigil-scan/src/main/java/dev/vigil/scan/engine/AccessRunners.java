package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.AccessRule;
import dev.vigil.scan.identity.Credentials;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Runners for the identity-swapping mutations: BOLA replay, lower-role calls, dropped and tampered credentials. */
final class AccessRunners {
    /** Path segments that mark an operation as administrative when no access rule says otherwise. */
    private static final Set<String> ADMIN_SEGMENTS = Set.of(
            "admin", "admins", "administration", "internal", "manage", "management", "superuser", "sysadmin", "staff");

    private AccessRunners() {}

    /**
     * BOLA: for objects owned by identity A (seen only by A), every other identity B of the same
     * level (a peer, possibly of another tenant) replays A's request. Objects answered to anonymous callers are public and skipped;
     * catch-all routes are skipped; a positive verdict is re-tested before it is reported.
     */
    static List<Finding> replay(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        List<Finding> out = new ArrayList<>();
        List<Identity> all = ctx.identities.authenticated();
        Identity anonymous = ctx.identities.anonymous();
        for (Identity owner : ctx.byLevel()) {
            for (ObjectRef ref : references(owner, op, ctx, all)) {
                Optional<HttpCall> call = ref.call();
                if (call.isEmpty() || !ctx.requester.allowed(call.get())) {
                    continue;
                }
                Observation original = null;
                if (op.safeMethod()) {
                    Optional<Observation> o = ctx.observe(owner, call.get());
                    if (o.isEmpty() || !o.get().succeeded()) {
                        continue;
                    }
                    original = o.get();
                    Optional<Observation> anon = ctx.observe(anonymous, call.get());
                    if (anon.isPresent()
                            && anon.get().succeeded()
                            && Similarity.of(
                                            original.attempt().result(),
                                            anon.get().attempt().result(),
                                            original.volatilePaths())
                                    >= 0.8) {
                        continue; // public object: anyone may read it
                    }
                }
                String param = ref.param();
                boolean found = false;
                for (Identity other : ctx.byLevel()) {
                    // peers only: a higher level may legitimately reach others' objects (staff), and
                    // a lower level reaching a higher one's functions is the function-level test
                    if (other.name().equals(owner.name())
                            || ctx.identities.level(other) != ctx.identities.level(owner)) {
                        continue;
                    }
                    Optional<Attempt> attempt = ctx.requester.send(other, call.get(), test.id());
                    if (attempt.isEmpty()) {
                        continue;
                    }
                    Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(attempt.get(), original));
                    if (!v.vulnerable() || ctx.catchAll(other, op, attempt.get())) {
                        continue;
                    }
                    boolean retested = false;
                    if (op.safeMethod()) {
                        Optional<Attempt> again = ctx.requester.send(other, call.get(), test.id() + " re-test");
                        if (again.isEmpty()
                                || !Verdicts.evaluate(test, Probe.of(again.get(), original))
                                        .vulnerable()) {
                            continue;
                        }
                        retested = true;
                    }
                    List<Attempt> evidence = new ArrayList<>();
                    if (original != null) {
                        evidence.add(original.attempt());
                    }
                    evidence.add(attempt.get());
                    out.add(ctx.finding(
                            test,
                            op,
                            other.name(),
                            ref.location(),
                            v,
                            retested,
                            other.name() + " reached " + owner.name() + "'s object (" + param + " seen only by "
                                    + owner.name() + ")",
                            evidence));
                    found = true;
                }
                if (found) {
                    break;
                }
            }
        }
        return out;
    }

    /** A request for one object: the parameter that names it and where it travels. */
    private record ObjectRef(Optional<HttpCall> call, String param, String location) {}

    /** Objects the owner alone has seen, referenced by the last path parameter or by an id-like query parameter. */
    private static List<ObjectRef> references(Identity owner, Operation op, ScanContext ctx, List<Identity> all) {
        List<ObjectRef> out = new ArrayList<>();
        for (Map<String, String> values : ctx.oracle.owned(owner, op, all, 2)) {
            String param = op.pathParameterNames().getLast();
            out.add(new ObjectRef(ctx.call(op, values), param, "path:" + param));
        }
        if (out.isEmpty()) {
            Map<String, String> pathValues = ctx.values(owner, op);
            if (pathValues.size() == op.pathParameterNames().size()) {
                for (Map.Entry<String, String> q : ctx.oracle.ownedQuery(owner, op, all, 2)) {
                    Optional<HttpCall> call;
                    try {
                        call = Optional.of(op.call(ctx.target.baseUrl(), pathValues, Map.of(q.getKey(), q.getValue())));
                    } catch (IllegalArgumentException e) {
                        call = Optional.empty();
                    }
                    out.add(new ObjectRef(call, q.getKey(), "query:" + q.getKey()));
                }
            }
        }
        return out;
    }

    /** The level an operation requires: the first matching access rule, else admin-style paths need the top level. */
    static OptionalInt requiredLevel(Operation op, ScanContext ctx) {
        for (AccessRule rule : ctx.identities.access()) {
            if (rule.matches(op.method(), op.pathTemplate())) {
                return OptionalInt.of(ctx.identities.levelOfRole(rule.minRole()));
            }
        }
        for (String segment : op.pathTemplate().toLowerCase(Locale.ROOT).split("/")) {
            if (ADMIN_SEGMENTS.contains(segment)) {
                return OptionalInt.of(ctx.identities.maxLevel());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * BFLA: operations that need a higher level are called by every authenticated identity below
     * it; also through a switched method with an override header, which only counts when the
     * answer matches the privileged identity's.
     */
    static List<Finding> lowerRole(CatalogTest test, Operation op, ScanContext ctx, Mutation.CallAsLowerRole m)
            throws InterruptedException {
        OptionalInt required = requiredLevel(op, ctx);
        if (required.isEmpty()) {
            return List.of();
        }
        List<Identity> privileged = ctx.byLevel().stream()
                .filter(i -> ctx.identities.level(i) >= required.getAsInt())
                .toList();
        List<Identity> lower = ctx.byLevel().stream()
                .filter(i -> ctx.identities.level(i) < required.getAsInt())
                .toList();
        if (lower.isEmpty()) {
            return List.of();
        }
        Observation original = null;
        HttpCall call;
        if (op.safeMethod()) {
            Optional<Observation> o = ctx.firstSucceeding(op, privileged);
            if (o.isEmpty()) {
                return List.of(); // not even the privileged identity can use it: nothing to compare
            }
            original = o.get();
            call = original.plainCall();
        } else {
            Identity reference = privileged.isEmpty() ? lower.getFirst() : privileged.getFirst();
            Optional<HttpCall> c = ctx.call(op, liveValues(op, reference, ctx));
            if (c.isEmpty() || !ctx.requester.allowed(c.get())) {
                return List.of();
            }
            call = c.get();
        }
        List<Finding> out = new ArrayList<>();
        for (Identity low : lower) {
            Optional<Attempt> attempt = ctx.requester.send(low, call, test.id());
            if (attempt.isPresent()) {
                Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(attempt.get(), original));
                if (v.vulnerable() && !ctx.catchAll(low, op, attempt.get()) && sameFunction(original, attempt.get())) {
                    boolean retested = false;
                    if (op.safeMethod()) {
                        Optional<Attempt> again = ctx.requester.send(low, call, test.id() + " re-test");
                        if (again.isEmpty()
                                || !Verdicts.evaluate(test, Probe.of(again.get(), original))
                                        .vulnerable()) {
                            continue;
                        }
                        retested = true;
                    }
                    out.add(ctx.finding(
                            test,
                            op,
                            low.name(),
                            "",
                            v,
                            retested,
                            low.name() + " (level " + ctx.identities.level(low)
                                    + ") called an operation that needs level " + required.getAsInt(),
                            evidence(original, attempt.get())));
                    continue;
                }
            }
            if (original == null) {
                continue;
            }
            for (String method : m.switchMethods()) {
                if (method.equals(op.method())) {
                    continue;
                }
                HttpCall switched = call.withMethod(method).withHeader("X-HTTP-Method-Override", op.method());
                Optional<Attempt> s = ctx.requester.send(low, switched, test.id() + " method switch");
                if (s.isEmpty()) {
                    continue;
                }
                Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(s.get(), original));
                double sim = Similarity.of(original.attempt().result(), s.get().result(), original.volatilePaths());
                if (v.vulnerable() && sim >= 0.8) {
                    out.add(ctx.finding(
                            test,
                            op,
                            low.name(),
                            "method:" + method + "+override",
                            v,
                            false,
                            low.name() + " reached it as " + method + " with X-HTTP-Method-Override: " + op.method(),
                            evidence(original, s.get())));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Path values for a state-changing call as {@code reference}: for a DELETE of an object other
     * tests may already have deleted, the first candidate the reference identity can still read
     * through the GET on the same path (at most five tried); otherwise its usual values.
     */
    private static Map<String, String> liveValues(Operation op, Identity reference, ScanContext ctx)
            throws InterruptedException {
        Map<String, String> values = ctx.values(reference, op);
        if (!op.method().equals("DELETE") || !op.hasPathParameters()) {
            return values;
        }
        Optional<Operation> read = ctx.target.operations().stream()
                .filter(o -> o.method().equals("GET") && o.pathTemplate().equals(op.pathTemplate()))
                .findFirst();
        if (read.isEmpty()) {
            return values;
        }
        String last = op.pathParameterNames().getLast();
        List<String> candidates = ctx.oracle.candidates(reference, op, last);
        for (String candidate : candidates.subList(0, Math.min(5, candidates.size()))) {
            Map<String, String> v = new java.util.LinkedHashMap<>(values);
            v.put(last, candidate);
            Optional<HttpCall> get = ctx.call(read.get(), v);
            if (get.isEmpty()) {
                continue;
            }
            Optional<Attempt> a = ctx.requester.send(reference, get.get(), "baseline");
            if (a.isPresent() && Verdicts.effectiveSuccess(a.get().result())) {
                return v;
            }
        }
        return values;
    }

    /** A success only counts when it is the same function: similar to the privileged answer when there is one. */
    private static boolean sameFunction(Observation original, Attempt attempt) {
        return original == null
                || original.attempt().result().body().isBlank()
                || Similarity.of(original.attempt().result(), attempt.result(), original.volatilePaths()) >= 0.5;
    }

    private static List<Attempt> evidence(Observation original, Attempt attempt) {
        return original == null ? List.of(attempt) : List.of(original.attempt(), attempt);
    }

    /** Broken authentication: a documented-secured operation called without any credentials. */
    static List<Finding> drop(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        Optional<Observation> original = ctx.firstSucceeding(op, ctx.byLevel());
        if (original.isEmpty()) {
            return List.of();
        }
        Identity anonymous = ctx.identities.anonymous();
        Optional<Attempt> attempt = ctx.requester.send(anonymous, original.get().plainCall(), test.id());
        if (attempt.isEmpty()) {
            return List.of();
        }
        Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(attempt.get(), original.get()));
        if (!v.vulnerable()) {
            return List.of();
        }
        Optional<Attempt> again = ctx.requester.send(anonymous, original.get().plainCall(), test.id() + " re-test");
        if (again.isEmpty()
                || !Verdicts.evaluate(test, Probe.of(again.get(), original.get()))
                        .vulnerable()) {
            return List.of();
        }
        return List.of(ctx.finding(
                test,
                op,
                anonymous.name(),
                "credential",
                v,
                true,
                "answered without credentials although documented as secured",
                evidence(original.get(), attempt.get())));
    }

    /**
     * Broken authentication: damaged credentials of an identity whose real ones work, on an operation
     * that refuses anonymous callers (otherwise acceptance would prove nothing).
     */
    static List<Finding> tamper(CatalogTest test, Operation op, ScanContext ctx, Mutation.TamperCredentials m)
            throws InterruptedException {
        for (Identity identity : ctx.byLevel()) {
            Optional<Observation> original = ctx.observe(identity, op);
            if (original.isEmpty() || !original.get().succeeded()) {
                continue;
            }
            Optional<Observation> anon =
                    ctx.observe(ctx.identities.anonymous(), original.get().plainCall());
            if (anon.isEmpty() || !anon.get().denied()) {
                return List.of();
            }
            Credentials creds = ctx.requester.credentials(identity);
            Optional<Credentials> damaged = damage(creds, m.variant(), ctx);
            if (damaged.isEmpty()) {
                continue;
            }
            String label = identity.name() + " ("
                    + m.variant().name().toLowerCase(Locale.ROOT).replace('_', '-') + ")";
            Optional<Attempt> attempt =
                    ctx.requester.sendWith(label, damaged.get(), original.get().plainCall(), test.id());
            if (attempt.isEmpty()) {
                return List.of();
            }
            Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(attempt.get(), original.get()));
            if (!v.vulnerable()) {
                return List.of();
            }
            Optional<Attempt> again =
                    ctx.requester.sendWith(label, damaged.get(), original.get().plainCall(), test.id() + " re-test");
            if (again.isEmpty()
                    || !Verdicts.evaluate(test, Probe.of(again.get(), original.get()))
                            .vulnerable()) {
                return List.of();
            }
            return List.of(ctx.finding(
                    test,
                    op,
                    identity.name(),
                    "credential",
                    v,
                    true,
                    "accepted " + m.variant().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + " credentials; anonymous gets "
                            + anon.get().attempt().result().status(),
                    evidence(original.get(), attempt.get())));
        }
        return List.of();
    }

    private static Optional<Credentials> damage(Credentials creds, Mutation.TamperVariant variant, ScanContext ctx) {
        // a client certificate alone has no value to damage (the TLS handshake checks it)
        if (creds.headers().isEmpty()
                && creds.cookies().isEmpty()
                && creds.query().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> bearer = creds.bearerToken();
        if (bearer.isPresent()) {
            return JwtTamper.tamper(bearer.get(), variant, ctx.clock.instant()).map(creds::withBearerToken);
        }
        if (variant != Mutation.TamperVariant.INVALID_TOKEN) {
            return Optional.empty();
        }
        return Optional.of(creds.mapValues(JwtTamper::invalid));
    }
}
