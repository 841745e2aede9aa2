package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.surface.Operation;
import java.util.List;
import java.util.Locale;
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
        Optional<OriginalRequest> frame = OriginalRequest.answered(test, op, ctx);
        if (frame.isEmpty() || !frame.get().observation.attempt().result().answered()) {
            return List.of();
        }
        OriginalRequest original = frame.get();
        List<InputLocation> inputs = original.inputs(m.into());
        if (inputs.isEmpty()) {
            return List.of();
        }
        long base = baseline(original);
        return original.eachInput(inputs, (r, loc) -> {
            for (String payload : m.payloads()) {
                Optional<Attempt> first = send(r, loc, payload, m.seconds(), "");
                if (first.isEmpty() || !late(first.get(), base, m.seconds())) {
                    continue;
                }
                int longer = 2 * m.seconds();
                Optional<Attempt> second = send(r, loc, payload, longer, " re-test");
                if (second.isEmpty()
                        || !late(second.get(), base, longer)
                        || second.get().result().millis() - first.get().result().millis()
                                < 500L * (longer - m.seconds())) {
                    continue;
                }
                Probe probe = Probe.of(second.get(), r.observation)
                        .injecting(payload.replace("{seconds}", Integer.toString(longer)))
                        .withDelay(true);
                Verdicts.Verdict v = Verdicts.evaluate(test, probe);
                if (v.vulnerable()) {
                    return r.finding(
                            loc,
                            v,
                            String.format(
                                    Locale.ROOT,
                                    "original %d ms, %d s delay %d ms, %d s delay %d ms",
                                    base,
                                    m.seconds(),
                                    first.get().result().millis(),
                                    longer,
                                    second.get().result().millis()),
                            List.of(r.observation.attempt(), first.get(), second.get()));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The original may have been timed on a cold or busy server: the faster of two plain answers is
     * the baseline, so that a real delay is not hidden by one slow reference request.
     */
    private static long baseline(OriginalRequest r) throws InterruptedException {
        Observation o = r.observation;
        long base = o.attempt().result().millis();
        if (!Requester.destructive(o.plainCall())) {
            Optional<Attempt> fresh = r.send(o.plainCall(), " baseline");
            if (fresh.isPresent() && fresh.get().result().answered()) {
                base = Math.min(base, fresh.get().result().millis());
            }
        }
        return base;
    }

    private static boolean late(Attempt a, long base, int seconds) {
        return a.result().answered() && a.result().millis() >= base + (long) (MIN_SHARE * 1000 * seconds);
    }

    private static Optional<Attempt> send(
            OriginalRequest r, InputLocation loc, String payload, int seconds, String purpose)
            throws InterruptedException {
        String value = InputRunners.applyPayload(loc.value(), payload.replace("{seconds}", Integer.toString(seconds)));
        Optional<HttpCall> call = r.with(loc, value);
        return call.isEmpty() ? Optional.empty() : r.send(call.get(), purpose);
    }
}
