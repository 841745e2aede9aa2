package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Runners that change request inputs: injection payloads, boolean pairs, callback URLs, added fields. */
final class InputRunners {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputRunners() {}

    /** The original to mutate: the first identity (anonymous last) whose request works, else any answered one. */
    static Optional<Observation> original(Operation op, ScanContext ctx) throws InterruptedException {
        List<Identity> order = new ArrayList<>(ctx.byLevel());
        order.add(ctx.identities.anonymous());
        Optional<Observation> ok = ctx.firstSucceeding(op, order);
        if (ok.isPresent()) {
            return ok;
        }
        return ctx.observe(order.getFirst(), op)
                .filter(o -> o.attempt().result().answered());
    }

    static Identity identityOf(Observation o, ScanContext ctx) {
        return ctx.identities.named(o.attempt().identity()).orElse(ctx.identities.anonymous());
    }

    /**
     * Payloads that start like a path ("." "/" "\") replace the value; others (quotes, operators)
     * are appended so the rest of the request still reaches the same code.
     */
    static String applyPayload(String value, String payload) {
        return payload.startsWith(".") || payload.startsWith("/") || payload.startsWith("\\")
                ? payload
                : value + payload;
    }

    static List<Finding> inject(CatalogTest test, Operation op, ScanContext ctx, Mutation.Inject m)
            throws InterruptedException {
        Optional<Observation> original = original(op, ctx);
        if (original.isEmpty()) {
            return List.of();
        }
        Identity identity = identityOf(original.get(), ctx);
        Map<String, String> pathValues = ctx.values(identity, op);
        List<Finding> out = new ArrayList<>();
        for (InputLocation loc : InputLocation.of(op, original.get(), m.into(), pathValues)) {
            for (String payload : m.payloads()) {
                String value = applyPayload(loc.value(), payload);
                Optional<HttpCall> call = loc.apply(op, original.get(), pathValues, ctx.target.baseUrl(), value);
                if (call.isEmpty()) {
                    continue;
                }
                Optional<Attempt> attempt = ctx.requester.send(identity, call.get(), test.id());
                if (attempt.isEmpty()) {
                    break;
                }
                Verdicts.Verdict v = Verdicts.evaluate(
                        test, Probe.of(attempt.get(), original.get()).injecting(value));
                if (!v.vulnerable()) {
                    continue;
                }
                Optional<Attempt> again = ctx.requester.send(identity, call.get(), test.id() + " re-test");
                if (again.isEmpty()
                        || !Verdicts.evaluate(
                                        test,
                                        Probe.of(again.get(), original.get()).injecting(value))
                                .vulnerable()) {
                    continue;
                }
                out.add(ctx.finding(
                        test,
                        op,
                        identity.name(),
                        loc.label(),
                        v,
                        true,
                        "payload in " + loc.label(),
                        List.of(original.get().attempt(), attempt.get())));
                break;
            }
        }
        return out;
    }

    static List<Finding> injectBoolean(CatalogTest test, Operation op, ScanContext ctx, Mutation.InjectBoolean m)
            throws InterruptedException {
        Optional<Observation> original = original(op, ctx);
        if (original.isEmpty() || !original.get().succeeded()) {
            return List.of();
        }
        Observation o = original.get();
        Identity identity = identityOf(o, ctx);
        Map<String, String> pathValues = ctx.values(identity, op);
        List<Finding> out = new ArrayList<>();
        for (InputLocation loc : InputLocation.of(op, o, m.into(), pathValues)) {
            for (Mutation.BooleanPair pair : m.pairs()) {
                Optional<HttpCall> t =
                        loc.apply(op, o, pathValues, ctx.target.baseUrl(), loc.value() + pair.whenTrue());
                Optional<HttpCall> f =
                        loc.apply(op, o, pathValues, ctx.target.baseUrl(), loc.value() + pair.whenFalse());
                if (t.isEmpty() || f.isEmpty()) {
                    continue;
                }
                Optional<Attempt[]> first = differential(identity, t.get(), f.get(), o, ctx, test.id());
                if (first.isEmpty()) {
                    continue;
                }
                Optional<Attempt[]> second = differential(identity, t.get(), f.get(), o, ctx, test.id() + " re-test");
                if (second.isEmpty()) {
                    continue;
                }
                Probe probe =
                        Probe.of(first.get()[0], o).injecting(pair.whenTrue()).withFacts(false, false, true, false);
                Verdicts.Verdict v = Verdicts.evaluate(test, probe);
                if (v.vulnerable()) {
                    out.add(ctx.finding(
                            test,
                            op,
                            identity.name(),
                            loc.label(),
                            v,
                            true,
                            "true: " + pair.whenTrue().strip() + " / false: "
                                    + pair.whenFalse().strip(),
                            List.of(o.attempt(), first.get()[0], first.get()[1])));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * NoSQL operator injection: per query parameter or body field, {@code $eq} with the original
     * value must answer like the original and {@code $ne} differently, twice; a store that does not
     * interpret operators answers both alike (both rejected, or both treated as an odd value).
     */
    static List<Finding> injectOperator(CatalogTest test, Operation op, ScanContext ctx, Mutation.InjectOperator m)
            throws InterruptedException {
        Optional<Observation> original = original(op, ctx);
        if (original.isEmpty() || !original.get().succeeded()) {
            return List.of();
        }
        Observation o = original.get();
        Identity identity = identityOf(o, ctx);
        List<Finding> out = new ArrayList<>();
        for (InputLocation loc : InputLocation.of(op, o, m.into(), ctx.values(identity, op))) {
            Optional<HttpCall> t = loc.applyOperator(o, "$eq");
            Optional<HttpCall> f = loc.applyOperator(o, "$ne");
            if (t.isEmpty() || f.isEmpty()) {
                continue;
            }
            Optional<Attempt[]> first = differential(identity, t.get(), f.get(), o, ctx, test.id());
            if (first.isEmpty()
                    || differential(identity, t.get(), f.get(), o, ctx, test.id() + " re-test")
                            .isEmpty()) {
                continue;
            }
            Probe probe = Probe.of(first.get()[0], o).injecting("$eq").withFacts(false, false, true, false);
            Verdicts.Verdict v = Verdicts.evaluate(test, probe);
            if (v.vulnerable()) {
                out.add(ctx.finding(
                        test,
                        op,
                        identity.name(),
                        loc.label(),
                        v,
                        true,
                        "$eq answers like the original, $ne differently, twice",
                        List.of(o.attempt(), first.get()[0], first.get()[1])));
            }
        }
        return out;
    }

    /** Both attempts when the true variant answers like the original and the false one does not. */
    private static Optional<Attempt[]> differential(
            Identity identity, HttpCall t, HttpCall f, Observation o, ScanContext ctx, String purpose)
            throws InterruptedException {
        Optional<Attempt> ta = ctx.requester.send(identity, t, purpose);
        Optional<Attempt> fa = ctx.requester.send(identity, f, purpose);
        if (ta.isEmpty() || fa.isEmpty()) {
            return Optional.empty();
        }
        var orig = o.attempt().result();
        var tr = ta.get().result();
        var fr = fa.get().result();
        boolean trueLikeOriginal = tr.status() == orig.status() && Similarity.of(orig, tr, o.volatilePaths()) >= 0.95;
        boolean falseDiffers = fr.status() != orig.status() || Similarity.of(orig, fr, o.volatilePaths()) < 0.8;
        return trueLikeOriginal && falseDiffers ? Optional.of(new Attempt[] {ta.get(), fa.get()}) : Optional.empty();
    }

    /** SSRF: each URL-like input gets a unique callback URL; only a request reaching the listener proves it. */
    static List<Finding> callback(CatalogTest test, Operation op, ScanContext ctx, Mutation.CallbackUrl m)
            throws InterruptedException {
        if (ctx.listener == null) {
            return List.of();
        }
        Optional<Observation> original = original(op, ctx);
        if (original.isEmpty()) {
            return List.of();
        }
        Identity identity = identityOf(original.get(), ctx);
        Map<String, String> pathValues = ctx.values(identity, op);
        Set<String> names = Set.copyOf(test.appliesTo().parameterNamesMatching(op));
        List<Finding> out = new ArrayList<>();
        for (InputLocation loc : InputLocation.of(op, original.get(), m.into(), pathValues)) {
            if (!names.isEmpty() && !names.contains(loc.name())) {
                continue;
            }
            String token = token(test.id() + "|" + op.key() + "|" + loc.label());
            String url = ctx.listener.urlFor(token);
            Optional<HttpCall> call = loc.apply(op, original.get(), pathValues, ctx.target.baseUrl(), url);
            if (call.isEmpty()) {
                continue;
            }
            Optional<Attempt> attempt = ctx.requester.send(identity, call.get(), test.id());
            if (attempt.isEmpty()) {
                continue;
            }
            boolean hit = ctx.listener.awaitHit(token, ctx.policy.callbackWait());
            Probe probe = Probe.of(attempt.get(), original.get()).injecting(url).withFacts(hit, false, false, false);
            Verdicts.Verdict v = Verdicts.evaluate(test, probe);
            if (v.vulnerable()) {
                out.add(ctx.finding(
                        test,
                        op,
                        identity.name(),
                        loc.label(),
                        v,
                        true,
                        "the target fetched the URL given in " + loc.label(),
                        List.of(attempt.get())));
            }
        }
        return out;
    }

    static String token(String key) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
