package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.BusinessFlow;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maker-checker (API5/API6): a declared flow step meant for someone other than the object's creator
 * ({@code as: other} or {@code as: higher}, such as an approval). The oracle has two halves, both on
 * objects the creator made itself:
 *
 * <ol>
 *   <li>the step as a checker (another identity; for {@code higher}, of a higher role level; the
 *       creator's tenant first) on one object must succeed and visibly change the creator's view
 *       of it: this shows the step works and what it does;
 *   <li>the creator then takes the step on a fresh object of its own. Proven when that succeeds
 *       with the same effect (the same leaf changing to the same value, as {@link
 *       StateViews#sameEffect} judges it).
 * </ol>
 *
 * Only declared steps are tested: an operation that the creator can call on its own object is not
 * by itself meant for someone else (cancel, confirm), so the intent must come from the user.
 */
final class ApprovalRunner {
    /** Checkers tried per flow: enough for one per tenant and role level in usual identity files. */
    private static final int MAX_CHECKERS = 4;

    private ApprovalRunner() {}

    static List<Finding> approveOwn(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        String purpose = test.id() + " flow";
        for (FlowPlan flow : ctx.flows) {
            int k = flow.indexOf(op);
            if (k < 1 || flow.steps().get(k).actor() == BusinessFlow.Actor.CREATOR) {
                continue;
            }
            for (Identity maker : ctx.byLevel()) {
                List<Identity> checkers =
                        checkers(ctx, maker, flow.steps().get(k).actor());
                if (checkers.isEmpty()) {
                    continue;
                }
                BusinessFlowRunners.Run meant = new BusinessFlowRunners.Run(maker);
                if (!BusinessFlowRunners.steps(ctx, flow, k - 1, meant, purpose)) {
                    continue; // this identity cannot create or prepare the object
                }
                List<StateViews.Witness> view = BusinessFlowRunners.view(ctx, meant);
                Map<String, String> s0 = StateViews.read(ctx, maker, view, "state read");
                Map<String, String> s0b = StateViews.read(ctx, maker, view, "state read");
                Set<String> restless = BusinessFlowRunners.restless(s0, s0b);
                Optional<Attempt> approved = Optional.empty();
                Identity checker = null;
                for (Identity c : checkers) {
                    Optional<Attempt> a = BusinessFlowRunners.send(ctx, flow, k, meant.actingAs(c), purpose);
                    if (a.isPresent() && Verdicts.effectiveSuccess(a.get().result())) {
                        approved = a;
                        checker = c;
                        break;
                    }
                }
                if (approved.isEmpty()) {
                    break; // nobody else can take the step: what it means cannot be established
                }
                Map<String, String> s1 = StateViews.read(ctx, maker, view, "state read");
                BusinessFlowRunners.Run own = new BusinessFlowRunners.Run(maker);
                if (!BusinessFlowRunners.steps(ctx, flow, k - 1, own, purpose)) {
                    break;
                }
                List<StateViews.Witness> ownView = BusinessFlowRunners.view(ctx, own);
                Map<String, String> t0 = StateViews.read(ctx, maker, ownView, "state read");
                Optional<Attempt> self = BusinessFlowRunners.send(ctx, flow, k, own, test.id());
                if (self.isEmpty()) {
                    break;
                }
                if (!Verdicts.effectiveSuccess(self.get().result())) {
                    return List.of(); // the creator is refused: four eyes hold
                }
                Map<String, String> t1 = StateViews.read(ctx, maker, ownView, "state read");
                List<String> effect = StateViews.sameEffect(s0b, s1, t0, t1, restless);
                Verdicts.Verdict v =
                        Verdicts.evaluate(test, Probe.of(self.get(), null).withProof(!effect.isEmpty()));
                if (!v.vulnerable()) {
                    return List.of(); // accepted without the effect the checker's step has
                }
                return List.of(ctx.finding(
                        test,
                        op,
                        maker.name(),
                        "flow:" + flow.name(),
                        v,
                        false,
                        "the creator took " + op.key() + " on its own object, a step declared for "
                                + (flow.steps().get(k).actor() == BusinessFlow.Actor.HIGHER
                                        ? "a higher role"
                                        : "another identity")
                                + " (" + checker.name() + " took it with the same effect): "
                                + String.join(", ", effect),
                        List.of(approved.get(), self.get())));
            }
        }
        return List.of();
    }

    /** Who may take the step instead of the maker: the maker's tenant first, then higher levels first. */
    private static List<Identity> checkers(ScanContext ctx, Identity maker, BusinessFlow.Actor actor) {
        int makerLevel = ctx.identities.level(maker);
        List<Identity> out = new ArrayList<>();
        for (Identity i : ctx.identities.authenticated()) {
            if (i.name().equals(maker.name())) {
                continue;
            }
            if (actor == BusinessFlow.Actor.HIGHER && ctx.identities.level(i) <= makerLevel) {
                continue;
            }
            out.add(i);
        }
        out.sort(Comparator.comparing(
                        (Identity i) -> maker.tenant().isEmpty() || !i.tenant().equals(maker.tenant()))
                .thenComparing(Comparator.comparingInt((Identity i) -> ctx.identities.level(i))
                        .reversed()));
        return out.size() > MAX_CHECKERS ? List.copyOf(out.subList(0, MAX_CHECKERS)) : out;
    }
}
