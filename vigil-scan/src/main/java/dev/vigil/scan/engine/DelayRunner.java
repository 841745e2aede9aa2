package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time-based injection (OS command, and any sink that can be made to sleep). Each payload asks
 * for a delay of {@code seconds}; an answer at least that much later than the original is then
 * re-tested with twice the delay, which must lengthen the answer by at least half the difference.
 * A slow or jittery server therefore cannot pass for a vulnerable one: it would have to be slow
 * in proportion to the requested delay.
 */
final class DelayRunner {
    /** Share of the requested delay that must show up in the answer time (network and timer slack). */
    private static final double MIN_SHARE = 0.9;

    private DelayRunner() {}

    static List<Finding> injectDelay(CatalogTest test, Operation op, ScanContext ctx, Mutation.InjectDelay m)
            throws InterruptedException {
        Optional<Observation> original = InputRunners.original(op, ctx);
        if (original.isEmpty() || !original.get().attempt().result().answered()) {
            return List.of();
        }
        Observation o = original.get();
        Identity identity = InputRunners.identityOf(o, ctx);
        Map<String, String> pathValues = ctx.values(identity, op);
        List<InputLocation> inputs = InputLocation.of(op, o, m.into(), pathValues);
        if (inputs.isEmpty()) {
            return List.of();
        }
        long base = o.attempt().result().millis();
        if (!Requester.destructive(o.plainCall())) {
            // the original may have been timed on a cold or busy server: the faster of two plain answers
            // is the baseline, so that a real delay is not hidden by one slow reference request
            Optional<Attempt> fresh = ctx.requester.send(identity, o.plainCall(), test.id() + " baseline");
            if (fresh.isPresent() && fresh.get().result().answered()) {
                base = Math.min(base, fresh.get().result().millis());
            }
        }
        List<Finding> out = new ArrayList<>();
        for (InputLocation loc : inputs) {
            for (String payload : m.payloads()) {
                Optional<Attempt> first = send(test, op, ctx, o, identity, loc, pathValues, payload, m.seconds(), "");
                if (first.isEmpty() || !late(first.get(), base, m.seconds())) {
                    continue;
                }
                int longer = 2 * m.seconds();
                Optional<Attempt> second =
                        send(test, op, ctx, o, identity, loc, pathValues, payload, longer, " re-test");
                if (second.isEmpty()
                        || !late(second.get(), base, longer)
                        || second.get().result().millis() - first.get().result().millis()
                                < 500L * (longer - m.seconds())) {
                    continue;
                }
                Probe probe = Probe.of(second.get(), o)
                        .injecting(payload.replace("{seconds}", Integer.toString(longer)))
                        .withDelay(true);
                Verdicts.Verdict v = Verdicts.evaluate(test, probe);
                if (v.vulnerable()) {
                    out.add(ctx.finding(
                            test,
                            op,
                            identity.name(),
                            loc.label(),
                            v,
                            true,
                            String.format(
                                    java.util.Locale.ROOT,
                                    "original %d ms, %d s delay %d ms, %d s delay %d ms",
                                    base,
                                    m.seconds(),
                                    first.get().result().millis(),
                                    longer,
                                    second.get().result().millis()),
                            List.of(o.attempt(), first.get(), second.get())));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean late(Attempt a, long base, int seconds) {
        return a.result().answered() && a.result().millis() >= base + (long) (MIN_SHARE * 1000 * seconds);
    }

    private static Optional<Attempt> send(
            CatalogTest test,
            Operation op,
            ScanContext ctx,
            Observation o,
            Identity identity,
            InputLocation loc,
            Map<String, String> pathValues,
            String payload,
            int seconds,
            String suffix)
            throws InterruptedException {
        String value = InputRunners.applyPayload(loc.value(), payload.replace("{seconds}", Integer.toString(seconds)));
        Optional<HttpCall> call = loc.apply(op, o, pathValues, ctx.target.baseUrl(), value);
        return call.isEmpty() ? Optional.empty() : ctx.requester.send(identity, call.get(), test.id() + suffix);
    }
}
