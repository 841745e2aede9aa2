package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The support desk's ticket queue. Deliberately left out of the published OpenAPI spec: an
 * internal surface that shadow-API detection should find in traffic.
 */
final class SupportRoutes {

    private final BankData bank;
    private final RequestAuth auth;
    private final AccessPolicy policy;

    SupportRoutes(BankData bank, RequestAuth auth, AccessPolicy policy) {
        this.bank = bank;
        this.auth = auth;
        this.policy = policy;
    }

    void register(Javalin app) {
        app.get("/api/v2/support/tickets", this::list);
        app.get("/api/v2/support/tickets/{ticketId}", this::get);
    }

    private Caller.Person requireStaff(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        if (!policy.canReadTickets(caller, caller.tenantId())) {
            throw ProblemException.forbidden("Support tickets are for support staff.");
        }
        return caller;
    }

    private void list(Context ctx) {
        Caller.Person staff = requireStaff(ctx);
        String status = ctx.queryParam("status");
        ctx.json(ApiViews.ListView.of(bank.ticketsOfTenant(staff.tenantId()).stream()
                .filter(t -> status == null || status.isBlank() || t.status().equals(status))
                .map(ApiViews.TicketView::of)
                .toList()));
    }

    private void get(Context ctx) {
        Caller.Person staff = requireStaff(ctx);
        Ticket ticket = bank.ticket(ctx.pathParam("ticketId"))
                .filter(t -> t.tenantId().equals(staff.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("No ticket with this id."));
        ctx.json(ApiViews.TicketView.of(ticket));
    }
}
