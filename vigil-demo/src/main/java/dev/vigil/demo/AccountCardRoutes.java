package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The cards of one account, for its owner and the staff of its bank (who answer card questions on
 * the phone). Numbers are masked for everyone; {@link AccessPolicy#staffSeesFullCardNumbers} decides
 * whether staff get the full card instead.
 */
final class AccountCardRoutes {

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;
    private final AccountRoutes accounts;

    AccountCardRoutes(BankData bank, RequestAuth auth, AccessPolicy policy, AccountRoutes accounts) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
        this.accounts = accounts;
    }

    void register(Javalin app) {
        app.get("/api/v2/accounts/{accountId}/cards", this::list);
    }

    private void list(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        Account account = accounts.readable(caller, PathParams.uuid(ctx, "accountId"));
        boolean full = !caller.userId().equals(account.ownerId()) && policy.staffSeesFullCardNumbers(caller);
        ctx.header("Cache-Control", "no-store");
        ctx.json(ApiViews.ListView.of(bank.cardsOf(account.ownerId()).stream()
                .filter(c -> c.accountId().equals(account.id()))
                .map(c -> full ? (Object) ApiViews.CardView.of(c) : ApiViews.CardSummaryView.of(c))
                .toList()));
    }
}
