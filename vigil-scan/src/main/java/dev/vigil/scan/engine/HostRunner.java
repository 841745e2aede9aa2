package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API inventory (API9) by host: the working request of one representative operation, sent as the
 * identity it works for to every host where the inventory saw the API but that neither the base
 * URL nor the spec names. An answer that meets the conditions (typically a 2xx similar to the
 * original), re-tested, means an undocumented deployment still serves the API. Hosts outside the
 * allowlist are refused by the {@link Requester} and never contacted.
 */
final class HostRunner {
    private HostRunner() {}

    static List<Finding> otherHosts(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        if (ctx.target.otherHosts().isEmpty()) {
            return List.of();
        }
        List<Identity> order = new ArrayList<>();
        order.add(ctx.identities.anonymous());
        order.addAll(ctx.byLevel());
        Optional<Observation> original = ctx.firstSucceeding(op, order);
        if (original.isEmpty()) {
            return List.of();
        }
        Identity who = order.stream()
                .filter(i -> i.name().equals(original.get().attempt().identity()))
                .findFirst()
                .orElseThrow();
        List<Finding> out = new ArrayList<>();
        for (String host : ctx.target.otherHosts()) {
            Optional<HttpCall> call = onHost(original.get().plainCall(), host);
            if (call.isEmpty()) {
                continue;
            }
            Optional<Attempt> a = ctx.requester.send(who, call.get(), test.id());
            if (a.isEmpty()) {
                continue; // not in scope: never contacted
            }
            Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(a.get(), original.get()));
            if (!v.vulnerable()) {
                continue;
            }
            if (!ctx.stillVulnerable(test, who, call.get(), again -> Probe.of(again, original.get()))) {
                continue;
            }
            out.add(ctx.finding(
                    test,
                    op,
                    who.name(),
                    "host:" + host,
                    v,
                    true,
                    host + " (seen in traffic, not documented) answers " + who.name() + "'s request like "
                            + ctx.target.host(),
                    List.of(original.get().attempt(), a.get())));
        }
        return out;
    }

    private static Optional<HttpCall> onHost(HttpCall call, String host) {
        URI u = call.url();
        String s =
                u.getScheme() + "://" + host + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        try {
            return Optional.of(call.withUrl(new URI(s)));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
