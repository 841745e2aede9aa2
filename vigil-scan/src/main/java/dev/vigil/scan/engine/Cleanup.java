package dev.vigil.scan.engine;

import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes what the scan created, after every test has run: each created object whose URL (its
 * {@code Location}, else the collection URL plus the returned id) matches a documented DELETE
 * operation is deleted as the identity that created it, newest first (children before parents).
 * Each object gets one outcome: deleted, already gone (404/410, e.g. a test deleted it), or why it
 * could not be removed. Cleanup requests are not charged to the budget: leaving test data behind
 * because the budget ran out would be worse than a few extra requests, and their number is bounded
 * by the creations.
 */
final class Cleanup {
    private Cleanup() {}

    static List<EngineResult.Cleaned> run(ScanContext ctx, CreatedObjects created) throws InterruptedException {
        List<EngineResult.Cleaned> out = new ArrayList<>();
        Set<URI> done = new HashSet<>();
        List<CreatedObjects.Created> all = new ArrayList<>(created.all());
        java.util.Collections.reverse(all);
        for (CreatedObjects.Created c : all) {
            Optional<Map.Entry<Operation, Map<String, String>>> delete = Optional.empty();
            URI url = null;
            for (URI candidate : c.candidates()) {
                delete = CreatedObjects.match(ctx.target.operations(), ctx.target.baseUrl(), candidate, "DELETE");
                if (delete.isPresent()) {
                    url = candidate;
                    break;
                }
            }
            String shown = c.candidates().isEmpty()
                    ? c.postUrl().getRawPath()
                    : c.candidates().getFirst().getRawPath();
            if (delete.isEmpty()) {
                out.add(new EngineResult.Cleaned(c.identity(), shown, false, "no matching DELETE operation"));
                continue;
            }
            if (!done.add(url)) {
                continue;
            }
            Optional<Identity> creator = ctx.identities.all().stream()
                    .filter(i -> i.name().equals(c.identity()))
                    .findFirst();
            if (creator.isEmpty()) {
                out.add(new EngineResult.Cleaned(c.identity(), url.getRawPath(), false, "creator has no credentials"));
                continue;
            }
            HttpCall call = new HttpCall(
                    "DELETE", url, List.of(new dev.vigil.traffic.Header("Accept", "application/json")), "");
            Optional<Attempt> a = ctx.requester.sendOutsideBudget(creator.get(), call, "cleanup");
            if (a.isEmpty()) {
                out.add(new EngineResult.Cleaned(c.identity(), url.getRawPath(), false, "DELETE refused by policy"));
                continue;
            }
            int status = a.get().result().status();
            if (a.get().result().success()) {
                out.add(new EngineResult.Cleaned(c.identity(), url.getRawPath(), true, "deleted (" + status + ")"));
            } else if (status == 404 || status == 410) {
                out.add(new EngineResult.Cleaned(
                        c.identity(), url.getRawPath(), true, "already gone (" + status + ")"));
            } else {
                out.add(new EngineResult.Cleaned(
                        c.identity(),
                        url.getRawPath(),
                        false,
                        "DELETE answered " + (status == 0 ? "nothing" : status)));
            }
        }
        out.sort(java.util.Comparator.comparing(EngineResult.Cleaned::resource)
                .thenComparing(EngineResult.Cleaned::identity));
        return out;
    }
}
