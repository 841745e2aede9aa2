package dev.vigil.guard.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * POSTs each alert as JSON to a webhook, asynchronously. At most {@code maxInFlight} posts are
 * outstanding; alerts beyond that are dropped and counted, so a slow receiver never holds up
 * traffic. Non-2xx answers and connection failures are counted as failures.
 */
public final class AlertWebhook implements Consumer<Alert> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI target;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public AlertWebhook(URI target, HttpClient http, int maxInFlight) {
        this.target = target;
        this.http = http;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public void accept(Alert alert) {
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(alert)))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            inFlight.release();
            if (e == null && r.statusCode() / 100 == 2) {
                sent.increment();
            } else {
                failed.increment();
            }
        });
    }

    static String json(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sequence", a.sequence());
        n.put("at", a.at().toString());
        n.put("route", a.route());
        n.put("action", a.action());
        n.put("type", a.type());
        n.put("evidence", a.evidence());
        n.put("source", a.source());
        n.put("caller", a.caller());
        n.put("method", a.method());
        n.put("path", a.path());
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an object node always serialises", e);
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long dropped() {
        return dropped.sum();
    }
}
