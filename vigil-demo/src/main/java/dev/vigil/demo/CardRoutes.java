package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;

/** Payment cards: a masked list of the caller's cards and one card with its full number for its holder. */
final class CardRoutes {

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;

    CardRoutes(BankData bank, RequestAuth auth, AccessPolicy policy) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
    }

    void register(Javalin app) {
        app.get("/api/v2/cards", this::list);
        app.get("/api/v2/cards/{cardId}", this::get);
        if (policy.forgottenCardsV1Routed()) {
            // the v1 card endpoints were never retired: same handlers, no Deprecation or Sunset
            app.get("/api/v1/cards", this::list);
            app.get("/api/v1/cards/{cardId}", this::get);
        }
    }

    private void list(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        ctx.json(ApiViews.ListView.of(bank.cardsOf(caller.userId()).stream()
                .map(ApiViews.CardSummaryView::of)
                .toList()));
    }

    private void get(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        Card card = bank.card(PathParams.uuid(ctx, "cardId"))
                .filter(c -> policy.canReadCard(caller, c))
                .orElseThrow(() -> ProblemException.notFound("No card with this id."));
        ctx.header("Cache-Control", "no-store");
        ctx.json(ApiViews.CardView.of(card));
    }
}
