package dev.vigil.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vigil.traffic.ExchangeSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The traffic generator's HTTP side: sends one request, captures it with its response as an
 * exchange for the sink, and keeps the per-operation and per-status counts of the run.
 */
final class GeneratorClient {

    /** A parsed answer; {@code json} is a missing node when the body was not JSON or there was no answer. */
    record Reply(int status, JsonNode json) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final URI base;
    private final Clock clock;
    private final ObjectMapper json;
    private final ExchangeSink sink;
    private final Map<String, Integer> operations = new TreeMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private int exchanges;
    private String forwardedFor = "";
    private int failures;

    GeneratorClient(HttpClient http, URI base, Clock clock, ObjectMapper json, ExchangeSink sink) {
        this.http = http;
        this.base = base;
        this.clock = clock;
        this.json = json;
        this.sink = sink;
    }

    Reply get(String operation, String pathAndQuery, String... headers) throws InterruptedException {
        return send(operation, "GET", pathAndQuery, "", "", headers);
    }

    Reply delete(String operation, String path, String... headers) throws InterruptedException {
        return send(operation, "DELETE", path, "", "", headers);
    }

    Reply json(String operation, String method, String path, Object body, String... headers)
            throws InterruptedException {
        try {
            return send(operation, method, path, json.writeValueAsString(body), "application/json", headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body not serializable", e);
        }
    }

    /** A POST without a body, as an action such as {@code /confirm} is sent. */
    Reply post(String operation, String path, String... headers) throws InterruptedException {
        return send(operation, "POST", path, "", "", headers);
    }

    Reply form(String operation, String path, String form, String... headers) throws InterruptedException {
        return send(operation, "POST", path, form, "application/x-www-form-urlencoded", headers);
    }

    /**
     * The address the demo's load balancer reports for the current persona, sent as
     * {@code X-Forwarded-For}: the demo runs on loopback, but its users do not.
     */
    void forwardedFor(String address) {
        forwardedFor = address;
    }

    private Reply send(
            String operation, String method, String pathAndQuery, String body, String type, String... headers)
            throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
        if (!type.isEmpty()) {
            builder.header("Content-Type", type);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (!forwardedFor.isEmpty()) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        HttpRequest request = builder.build();
        Instant started = clock.instant();
        Optional<HttpResponse<String>> response = Optional.empty();
        try {
            response = Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            failures++;
        }
        var exchange =
                ExchangeRecorder.record(request, body, response, started, clock.instant(), TrafficGenerator.SOURCE);
        synchronized (sink) {
            sink.accept(exchange);
        }
        exchanges++;
        operations.merge(operation, 1, Integer::sum);
        int status = response.map(HttpResponse::statusCode).orElse(0);
        if (status > 0) {
            statuses.merge(status, 1, Integer::sum);
        }
        return new Reply(status, response.map(r -> parse(r.body())).orElse(MissingNode.getInstance()));
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = body.isBlank() ? null : json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    GenerationSummary summary(int iterations) {
        return new GenerationSummary(
                iterations, exchanges, failures, new TreeMap<>(operations), new TreeMap<>(statuses));
    }
}
