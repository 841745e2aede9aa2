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
import java.util.Set;

/**
 * The frame shared by runners that change one input of a working request: the original
 * observation to mutate, the identity that sent it and the path values it was sent with. A runner
 * opens it, then states per input only what it sends and what it must see; sending, the finding's
 * test, operation and identity come from here.
 */
final class OriginalRequest {
    final CatalogTest test;
    final Operation op;
    final ScanContext ctx;
    final Observation observation;
    final Identity identity;
    final Map<String, String> pathValues;

    /** What a runner does with one input of the original request: a finding, or nothing. */
    @FunctionalInterface
    interface InputProbe {
        Optional<Finding> probe(OriginalRequest original, InputLocation input) throws InterruptedException;
    }

    private OriginalRequest(CatalogTest test, Operation op, ScanContext ctx, Observation observation) {
        this.test = test;
        this.op = op;
        this.ctx = ctx;
        this.observation = observation;
        this.identity = InputRunners.identityOf(observation, ctx);
        this.pathValues = ctx.values(identity, op);
    }

    /** The original request that got an answer (see {@link InputRunners#original}), if any. */
    static Optional<OriginalRequest> answered(CatalogTest test, Operation op, ScanContext ctx)
            throws InterruptedException {
        Optional<Observation> o = InputRunners.original(op, ctx);
        return o.isEmpty() ? Optional.empty() : Optional.of(new OriginalRequest(test, op, ctx, o.get()));
    }

    /** The original request, only when it succeeded: a comparison with a failed answer proves nothing. */
    static Optional<OriginalRequest> succeeded(CatalogTest test, Operation op, ScanContext ctx)
            throws InterruptedException {
        Optional<Observation> o = InputRunners.original(op, ctx);
        return o.isEmpty() || !o.get().succeeded()
                ? Optional.empty()
                : Optional.of(new OriginalRequest(test, op, ctx, o.get()));
    }

    /** The injectable inputs of the original request, in a stable order. */
    List<InputLocation> inputs(Set<Mutation.Into> into) {
        return InputLocation.of(op, observation, into, pathValues);
    }

    /** The findings of {@code probe} over the inputs in {@code into}, at most one per input, in input order. */
    static List<Finding> eachInput(Optional<OriginalRequest> original, Set<Mutation.Into> into, InputProbe probe)
            throws InterruptedException {
        return original.isEmpty()
                ? List.of()
                : original.get().eachInput(original.get().inputs(into), probe);
    }

    /** The findings of {@code probe} over {@code inputs}, at most one per input, in input order. */
    List<Finding> eachInput(List<InputLocation> inputs, InputProbe probe) throws InterruptedException {
        List<Finding> out = new ArrayList<>();
        for (InputLocation input : inputs) {
            probe.probe(this, input).ifPresent(out::add);
        }
        return out;
    }

    /** The original request with {@code input} set to {@code value}; empty when it cannot carry it. */
    Optional<HttpCall> with(InputLocation input, String value) {
        return input.apply(op, observation, pathValues, ctx.target.baseUrl(), value);
    }

    /** Sends {@code call} as the original's identity; {@code purpose} is appended to the test id. */
    Optional<Attempt> send(HttpCall call, String purpose) throws InterruptedException {
        return ctx.requester.send(identity, call, test.id() + purpose);
    }

    /** A retested finding at {@code input}. */
    Optional<Finding> finding(InputLocation input, Verdicts.Verdict v, String context, List<Attempt> evidence) {
        return Optional.of(ctx.finding(test, op, identity.name(), input.label(), v, true, context, evidence));
    }
}
