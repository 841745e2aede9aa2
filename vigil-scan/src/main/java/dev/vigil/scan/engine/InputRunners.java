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
        return OriginalRequest.eachInput(OriginalRequest.answered(test, op, ctx), m.into(), (r, loc) -> {
            for (String payload : m.payloads()) {
                String value = applyPayload(loc.value(), payload);
                Optional<HttpCall> call = r.with(loc, value);
                if (call.isEmpty()) {
                    continue;
                }
                Optional<Attempt> attempt = r.send(call.get(), "");
                if (attempt.isEmpty()) {
                    return Optional.empty();
                }
                Verdicts.Verdict v = Verdicts.evaluate(
                        test, Probe.of(attempt.get(), r.observation).injecting(value));
                if (!v.vulnerable()) {
                    continue;
                }
                if (!ctx.stillVulnerable(test, r.identity, call.get(), again -> Probe.of(again, r.observation)
                        .injecting(value))) {
                    continue;
                }
                return r.finding(loc, v, "payload in " + loc.label(), List.of(r.observation.attempt(), attempt.get()));
            }
            return Optional.empty();
        });
    }

    static List<Finding> injectBoolean(CatalogTest test, Operation op, ScanContext ctx, Mutation.InjectBoolean m)
            throws InterruptedException {
        return OriginalRequest.eachInput(OriginalRequest.succeeded(test, op, ctx), m.into(), (r, loc) -> {
            for (Mutation.BooleanPair pair : m.pairs()) {
                Optional<Finding> found = differential(
                        r,
                        loc,
                        r.with(loc, loc.value() + pair.whenTrue()),
                        r.with(loc, loc.value() + pair.whenFalse()),
                        pair.whenTrue(),
                        "true: " + pair.whenTrue().strip() + " / false: "
                                + pair.whenFalse().strip());
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        });
    }

    /**
     * NoSQL operator injection: per query parameter or body field, {@code $eq} with the original
     * value must answer like the original and {@code $ne} differently, twice; a store that does not
     * interpret operators answers both alike (both rejected, or both treated as an odd value).
     */
    static List<Finding> injectOperator(CatalogTest test, Operation op, ScanContext ctx, Mutation.InjectOperator m)
            throws InterruptedException {
        return OriginalRequest.eachInput(
                OriginalRequest.succeeded(test, op, ctx),
                m.into(),
                (r, loc) -> differential(
                        r,
                        loc,
                        loc.applyOperator(r.observation, "$eq"),
                        loc.applyOperator(r.observation, "$ne"),
                        "$eq",
                        "$eq answers like the original, $ne differently, twice"));
    }

    /**
     * A finding at {@code loc} when the true variant answers like the original and the false one
     * differently, twice in a row.
     */
    private static Optional<Finding> differential(
            OriginalRequest r,
            InputLocation loc,
            Optional<HttpCall> whenTrue,
            Optional<HttpCall> whenFalse,
            String injected,
            String context)
            throws InterruptedException {
        if (whenTrue.isEmpty() || whenFalse.isEmpty()) {
            return Optional.empty();
        }
        Optional<Attempt[]> first = differential(r, whenTrue.get(), whenFalse.get(), "");
        if (first.isEmpty()
                || differential(r, whenTrue.get(), whenFalse.get(), " re-test").isEmpty()) {
            return Optional.empty();
        }
        Probe probe =
                Probe.of(first.get()[0], r.observation).injecting(injected).withFacts(false, false, true, false);
        Verdicts.Verdict v = Verdicts.evaluate(r.test, probe);
        return v.vulnerable()
                ? r.finding(loc, v, context, List.of(r.observation.attempt(), first.get()[0], first.get()[1]))
                : Optional.empty();
    }

    /** Both attempts when the true variant answers like the original and the false one does not. */
    private static Optional<Attempt[]> differential(OriginalRequest r, HttpCall t, HttpCall f, String purpose)
            throws InterruptedException {
        Optional<Attempt> ta = r.send(t, purpose);
        Optional<Attempt> fa = r.send(f, purpose);
        if (ta.isEmpty() || fa.isEmpty()) {
            return Optional.empty();
        }
        Observation o = r.observation;
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
        Set<String> names = Set.copyOf(test.appliesTo().parameterNamesMatching(op));
        return OriginalRequest.eachInput(OriginalRequest.answered(test, op, ctx), m.into(), (r, loc) -> {
            if (!names.isEmpty() && !names.contains(loc.name())) {
                return Optional.empty();
            }
            String token = token(test.id() + "|" + op.key() + "|" + loc.label());
            String url = ctx.listener.urlFor(token);
            Optional<HttpCall> call = r.with(loc, url);
            if (call.isEmpty()) {
                return Optional.empty();
            }
            Optional<Attempt> attempt = r.send(call.get(), "");
            if (attempt.isEmpty()) {
                return Optional.empty();
            }
            boolean hit = ctx.listener.awaitHit(token, ctx.policy.callbackWait());
            Probe probe = Probe.of(attempt.get(), r.observation).injecting(url).withFacts(hit, false, false, false);
            Verdicts.Verdict v = Verdicts.evaluate(test, probe);
            return v.vulnerable()
                    ? r.finding(loc, v, "the target fetched the URL given in " + loc.label(), List.of(attempt.get()))
                    : Optional.empty();
        });
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
