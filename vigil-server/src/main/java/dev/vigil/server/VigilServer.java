package dev.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.traffic.Bodies;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.HarReader;
import dev.vigil.traffic.InvalidExchangeException;
import dev.vigil.traffic.JsonlReader;
import dev.vigil.traffic.Quarantined;
import dev.vigil.traffic.ReadSummary;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vigil's HTTP API. For now it serves the traffic ingest endpoint:
 *
 * <ul>
 *   <li>{@code POST /api/v1/traffic} (bearer token): JSON Lines of exchanges ({@code application/x-ndjson}),
 *       a HAR document, one exchange object or an array of them ({@code application/json}). Answers 202 with
 *       how many exchanges were accepted and quarantined; bad records are quarantined, never dropped.
 *   <li>{@code GET /api/v1/health}: unauthenticated liveness.
 * </ul>
 */
public final class VigilServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final ServerConfig config;
    private final ExchangeSink sink;
    private final byte[] token;
    private final AtomicLong sequence = new AtomicLong();

    private VigilServer(ServerConfig config, ExchangeSink sink) {
        this.config = config;
        this.sink = sink;
        this.token = config.ingestToken().getBytes(StandardCharsets.UTF_8);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = config.maxRequestBytes();
        });
        app.get("/api/v1/health", ctx -> ctx.json(Map.of("status", "ok")));
        app.post("/api/v1/traffic", this::ingest);
        app.error(404, ctx -> {
            if (!ctx.res().isCommitted() && ctx.result() == null) {
                Problem.send(ctx, 404, "not-found", "Not found", "No such resource: " + ctx.path(), List.of());
            }
        });
        app.exception(
                Exception.class,
                (e, ctx) -> Problem.send(
                        ctx,
                        500,
                        "internal",
                        "Internal error",
                        "The server failed: " + e.getClass().getSimpleName(),
                        List.of()));
    }

    /** Starts listening; {@code sink} receives every ingested exchange and quarantined record. */
    public static VigilServer start(ServerConfig config, ExchangeSink sink) {
        VigilServer server = new VigilServer(config, sink);
        server.app.start(config.bindAddress(), config.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    private void ingest(Context ctx) throws IOException {
        if (!authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"vigil\"");
            Problem.send(
                    ctx,
                    401,
                    "unauthorized",
                    "Unauthorized",
                    "A valid bearer token is required to send traffic.",
                    List.of());
            return;
        }
        String media = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        String source = "ingest:" + ctx.ip();
        ReadSummary summary;
        try (InputStream body = ctx.bodyInputStream()) {
            if (media.startsWith("application/x-ndjson")
                    || media.startsWith("application/jsonl")
                    || media.startsWith("application/x-jsonlines")) {
                summary = new JsonlReader(config.maxBodyChars()).read(body, source, sink);
            } else if (media.startsWith("application/json") || media.startsWith("application/har+json")) {
                summary = json(body, source);
            } else {
                Problem.send(
                        ctx,
                        415,
                        "unsupported-media-type",
                        "Unsupported media type",
                        "Send application/x-ndjson (JSON Lines), application/json (HAR, one exchange or an array).",
                        List.of("content-type: " + (media.isEmpty() ? "(none)" : media)));
                return;
            }
        }
        ctx.status(202).json(Map.of("accepted", summary.accepted(), "quarantined", summary.quarantined()));
    }

    private ReadSummary json(InputStream body, String source) throws IOException {
        byte[] bytes = body.readAllBytes();
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException malformed) {
            sink.quarantine(new Quarantined(source, sequence.incrementAndGet(), "request body is not valid JSON", ""));
            return new ReadSummary(0, 1);
        }
        if (root != null && root.has("log")) {
            return new HarReader(config.maxBodyChars()).read(new java.io.ByteArrayInputStream(bytes), source, sink);
        }
        long accepted = 0;
        long quarantined = 0;
        Iterable<JsonNode> items =
                root != null && root.isArray() ? root : List.of(root == null ? JSON.nullNode() : root);
        long position = 0;
        for (JsonNode item : items) {
            position++;
            try {
                sink.accept(Bodies.truncate(JsonlReader.parse(item), config.maxBodyChars()));
                accepted++;
            } catch (InvalidExchangeException bad) {
                sink.quarantine(new Quarantined(source, position, bad.getMessage(), ""));
                quarantined++;
            }
        }
        return new ReadSummary(accepted, quarantined);
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        app.stop();
    }
}
