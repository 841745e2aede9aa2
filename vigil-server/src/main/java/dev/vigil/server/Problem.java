package dev.vigil.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem responses, each with a stable {@code type}. */
final class Problem {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        try {
            ctx.status(status).contentType("application/problem+json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a problem response", e);
        }
    }
}
