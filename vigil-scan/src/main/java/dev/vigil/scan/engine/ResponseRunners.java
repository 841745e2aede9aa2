package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Runners that judge answers with little or no mutation: passive checks, an added header, a burst. */
final class ResponseRunners {
    private static final Pattern RATE_HEADER = Pattern.compile("(?i)^(x-)?rate-?limit.*|^retry-after$");

    private ResponseRunners() {}

    /** Judges each identity's plain answer, least privileged first (anonymous first); reports the first. */
    static List<Finding> none(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        List<Identity> order = new ArrayList<>();
        order.add(ctx.identities.anonymous());
        order.addAll(ctx.byLevel());
        for (Identity identity : order) {
            Optional<Observation> o = ctx.observe(identity, op);
            if (o.isEmpty()) {
                continue;
            }
            Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(o.get().attempt(), null));
            if (v.vulnerable() && !ctx.catchAll(identity, op, o.get().attempt())) {
                return List.of(ctx.finding(
                        test,
                        op,
                        identity.name(),
                        "",
                        v,
                        true,
                        "",
                        List.of(o.get().attempt())));
            }
        }
        return List.of();
    }

    static List<Finding> setHeader(CatalogTest test, Operation op, ScanContext ctx, Mutation.SetHeader m)
            throws InterruptedException {
        Optional<Observation> original = InputRunners.original(op, ctx);
        if (original.isEmpty()) {
            return List.of();
        }
        Identity identity =
                ctx.identities.named(original.get().attempt().identity()).orElseThrow();
        var call = original.get().plainCall().withHeader(m.name(), m.value());
        Optional<Attempt> attempt = ctx.requester.send(identity, call, test.id());
        if (attempt.isEmpty()) {
            return List.of();
        }
        Verdicts.Verdict v =
                Verdicts.evaluate(test, Probe.of(attempt.get(), original.get()).injecting(m.value()));
        if (!v.vulnerable()) {
            return List.of();
        }
        if (!ctx.stillVulnerable(
                test, identity, call, again -> Probe.of(again, original.get()).injecting(m.value()))) {
            return List.of();
        }
        return List.of(
                ctx.finding(test, op, identity.name(), "header:" + m.name(), v, true, "", List.of(attempt.get())));
    }

    /** Sends a bounded burst of the original request; no 429 and no rate-limit header in any answer is the finding. */
    static List<Finding> burst(CatalogTest test, Operation op, ScanContext ctx, Mutation.Burst m)
            throws InterruptedException {
        Optional<Observation> original = InputRunners.original(op, ctx);
        if (original.isEmpty() || !original.get().succeeded()) {
            return List.of();
        }
        Identity identity =
                ctx.identities.named(original.get().attempt().identity()).orElseThrow();
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < m.count(); i++) {
            Optional<Attempt> a = ctx.requester.send(identity, original.get().plainCall(), test.id());
            if (a.isEmpty()) {
                return List.of();
            }
            attempts.add(a.get());
            if (limited(a.get().result())) {
                return List.of();
            }
        }
        Probe probe = Probe.of(attempts.getLast(), original.get()).withFacts(false, false, false, true);
        Verdicts.Verdict v = Verdicts.evaluate(test, probe);
        if (!v.vulnerable()) {
            return List.of();
        }
        return List.of(ctx.finding(
                test,
                op,
                identity.name(),
                "",
                v,
                true,
                m.count() + " identical requests in a row all answered "
                        + attempts.getLast().result().status(),
                List.of(attempts.getFirst(), attempts.getLast())));
    }

    private static boolean limited(HttpResult r) {
        return r.status() == 429
                || r.headers().stream()
                        .anyMatch(h -> RATE_HEADER.matcher(h.name()).matches());
    }
}
