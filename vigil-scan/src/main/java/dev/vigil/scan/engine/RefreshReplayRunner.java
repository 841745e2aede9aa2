package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.identity.CredentialManager;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refresh-token replay (API2): a refresh token should be single-use, rotated on every redemption,
 * so that a stolen one stops working once its owner uses it (RFC 9700 section 4.14.2). For each
 * identity with a refresh (see {@link CredentialManager#replayRefresh}) the runner signs in afresh,
 * redeems the refresh token, then redeems the same token again. Proven when the second redemption
 * gives a new access token too; the first redemption must succeed, so a wrong refresh template is
 * never a finding. One finding per host: the first identity that shows it.
 */
final class RefreshReplayRunner {
    private RefreshReplayRunner() {}

    static List<Finding> run(CatalogTest test, Operation unit, ScanContext ctx) throws InterruptedException {
        CredentialManager logins = ctx.requester.credentialManager();
        for (Identity identity : ctx.identities.authenticated()) {
            Optional<CredentialManager.RefreshReplay> replay = logins.replayRefresh(identity);
            if (replay.isEmpty()) {
                continue;
            }
            CredentialManager.RefreshReplay r = replay.get();
            ctx.requester.count(test.id() + " refresh replay", r.requests());
            Probe probe = Probe.of(r.second(), null).withProof(r.reusable());
            Verdicts.Verdict v = Verdicts.evaluate(test, probe);
            if (!v.vulnerable()) {
                continue;
            }
            Attempt second = r.second();
            Operation op = CreatedObjects.match(
                            ctx.target.operations(),
                            ctx.target.baseUrl(),
                            second.call().url(),
                            second.call().method())
                    .map(Map.Entry::getKey)
                    .orElse(unit);
            return List.of(ctx.finding(
                    test,
                    op,
                    identity.name(),
                    "refresh token",
                    v,
                    false,
                    "the same refresh token gave a new access token twice (status "
                            + r.first().result().status() + ", then "
                            + second.result().status() + ")",
                    List.of(r.login(), r.first(), second)));
        }
        return List.of();
    }
}
