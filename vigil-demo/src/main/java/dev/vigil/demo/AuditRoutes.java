package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tenant's audit log for its administrators: list, read and purge events. */
final class AuditRoutes {

    private final AuditLog audit;
    private final RequestAuth auth;
    private final AccessPolicy policy;

    AuditRoutes(AuditLog audit, RequestAuth auth, AccessPolicy policy) {
        this.audit = audit;
        this.auth = auth;
        this.policy = policy;
    }

    void register(Javalin app) {
        app.get("/api/v2/admin/audit-events", this::list);
        app.get("/api/v2/admin/audit-events/{eventId}", this::get);
        app.delete("/api/v2/admin/audit-events/{eventId}", this::purge);
    }

    private Caller.Person reader(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        if (!policy.canReadAuditLog(caller)) {
            throw ProblemException.forbidden("The audit log is reserved to administrators.");
        }
        return caller;
    }

    private void list(Context ctx) {
        Caller.Person caller = reader(ctx);
        ctx.json(ApiViews.ListView.of(audit.ofTenant(caller.tenantId()).stream()
                .map(AuditRoutes::view)
                .toList()));
    }

    private void get(Context ctx) {
        ctx.json(view(event(ctx, reader(ctx))));
    }

    private void purge(Context ctx) {
        Caller.Person caller = auth.requireUser(ctx);
        if (!policy.canPurgeAuditLog(caller)) {
            throw ProblemException.forbidden("Purging audit events is reserved to administrators.");
        }
        audit.remove(event(ctx, caller).id());
        ctx.status(204);
    }

    private AuditLog.Event event(Context ctx, Caller.Person caller) {
        return audit.event(ctx.pathParam("eventId"))
                .filter(e -> e.tenantId().equals(caller.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("No audit event with this id."));
    }

    private static Map<String, Object> view(AuditLog.Event e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("tenantId", e.tenantId());
        out.put("actor", e.actor());
        out.put("action", e.action());
        out.put("target", e.target());
        out.put("at", e.at().toString());
        return out;
    }
}
