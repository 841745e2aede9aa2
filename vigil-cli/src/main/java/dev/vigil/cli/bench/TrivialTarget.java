package dev.vigil.cli.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The cheapest API a scan can meet, to measure the scanner rather than the target: a JDK
 * {@link HttpServer} on 127.0.0.1 (port 0), one virtual thread per exchange, that answers every
 * authorized request at once with a small JSON object (the last path segment as its id) and
 * {@code 401} to everything else. {@link #spec(int)} describes {@code operations} read operations
 * of it as OpenAPI 3.
 */
final class TrivialTarget implements AutoCloseable {
    /** Bearer tokens the target accepts; every other request gets 401. */
    static final Set<String> TOKENS = Set.of("bench-token-alice", "bench-token-bob");

    private static final byte[] UNAUTHORIZED = "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    TrivialTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", TrivialTarget::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex) throws IOException {
        try (ex;
                InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            boolean ok = auth != null && auth.startsWith("Bearer ") && TOKENS.contains(auth.substring(7));
            String path = ex.getRequestURI().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            byte[] body = ok
                    ? ("{\"id\":\"" + (id.chars().allMatch(Character::isLetterOrDigit) ? id : "1")
                                    + "\",\"name\":\"item\",\"count\":3}")
                            .getBytes(StandardCharsets.UTF_8)
                    : UNAUTHORIZED;
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            ex.sendResponseHeaders(ok ? 200 : 401, body.length);
            ex.getResponseBody().write(body);
        }
    }

    /**
     * An OpenAPI 3 document with {@code operations} GET operations in groups of four per resource:
     * a list with query parameters, an item, the item's children, and a search.
     */
    static String spec(int operations) {
        StringBuilder b = new StringBuilder("""
                openapi: 3.0.3
                info: {title: trivial bench target, version: "1"}
                components:
                  securitySchemes:
                    bearer: {type: http, scheme: bearer}
                security: [{bearer: []}]
                paths:
                """);
        for (int i = 0; i * 4 < operations; i++) {
            String r = "/items" + i;
            int left = operations - i * 4;
            b.append("  ").append(r).append(":\n").append(get("list" + i, "[q, limit]"));
            if (left > 1) {
                b.append("  ").append(r).append("/{itemId}:\n").append(get("item" + i, "[itemId]"));
            }
            if (left > 2) {
                b.append("  ").append(r).append("/{itemId}/children:\n").append(get("children" + i, "[itemId, page]"));
            }
            if (left > 3) {
                b.append("  ").append(r).append("/search:\n").append(get("search" + i, "[name, sort]"));
            }
        }
        return b.toString();
    }

    private static String get(String operationId, String params) {
        StringBuilder b = new StringBuilder("    get:\n      operationId: ")
                .append(operationId)
                .append("\n      parameters:\n");
        for (String p : params.substring(1, params.length() - 1).split(", ")) {
            boolean path = p.equals("itemId");
            b.append("        - {name: ")
                    .append(p)
                    .append(", in: ")
                    .append(path ? "path" : "query")
                    .append(path ? ", required: true" : "")
                    .append(", schema: {type: ")
                    .append(p.equals("limit") || p.equals("page") ? "integer" : "string")
                    .append("}}\n");
        }
        b.append("""
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema: {type: object, properties: {id: {type: string}, name: {type: string}}}
                """);
        return b.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
