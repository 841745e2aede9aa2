package dev.vigil.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem responses, each with a stable {@code type}. */
final class Problem {
    private Problem() {}

    static void send(Context ctx, int status, String type, String title, String detail, List<String> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:vigil:problem:" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!violations.isEmpty()) {
            body.put("violations", violations);
        }
        ctx.status(status).contentType("application/problem+json").json(body);
    }
}
