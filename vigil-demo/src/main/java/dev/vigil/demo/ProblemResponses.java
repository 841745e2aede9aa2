package dev.vigil.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every refusal and failure of the demo API into {@code application/problem+json}: our own
 * {@link ProblemException}s, Javalin's (unknown route, wrong method) and unexpected errors, which
 * become a 500 without internals.
 */
final class ProblemResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    void install(Javalin app) {
        app.exception(ProblemException.class, (e, ctx) -> {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"vigil-bank\"");
            }
            write(ctx, e.status(), e.type(), e.title(), e.getMessage(), e);
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            // Javalin's own refusals (no such route, body too large...): stable type and title per status.
            boolean notFound = e.getStatus() == 404;
            write(
                    ctx,
                    e.getStatus(),
                    ProblemException.TYPE_BASE + (notFound ? "not-found" : "http-" + e.getStatus()),
                    notFound ? "Resource not found" : "Request refused",
                    notFound ? "No resource at this path." : "The request was refused.",
                    null);
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled error on {} {}", ctx.method(), ctx.matchedPath(), e);
            write(
                    ctx,
                    500,
                    ProblemException.TYPE_BASE + "internal",
                    "Internal error",
                    "The bank could not process the request.",
                    null);
        });
    }

    private void write(Context ctx, int status, String type, String title, String detail, ProblemException problem) {
        ObjectNode body = json.createObjectNode();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        if (problem != null && !problem.violations().isEmpty()) {
            body.putPOJO("violations", problem.violations());
        }
        try {
            ctx.status(status).contentType("application/problem+json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem body not serializable", e);
        }
    }
}
