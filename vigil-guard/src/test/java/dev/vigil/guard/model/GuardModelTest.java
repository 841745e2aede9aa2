package dev.vigil.guard.model;

import static dev.vigil.guard.model.Traffic.basic;
import static dev.vigil.guard.model.Traffic.param;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.classify.Classifier;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.Exposure;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.guard.GuardConfig;
import dev.vigil.guard.GuardServer;
import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.guard.policy.PolicyFile;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.Quarantined;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model detectors inside a real guard on 127.0.0.1, in front of a small orders API. */
class GuardModelTest {
    final MutableClock clock = new MutableClock(Traffic.T0);
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final BlockingQueue<Exchange> captured = new LinkedBlockingQueue<>();
    final AtomicInteger upstreamRequests = new AtomicInteger();
    final AtomicInteger nextId = new AtomicInteger(100);
    HttpServer upstream;
    GuardServer guard;

    @BeforeEach
    void upstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", this::orders);
        upstream.start();
    }

    @AfterEach
    void stop() {
        if (guard != null) {
            guard.close();
        }
        upstream.stop(0);
        http.close();
    }

    private void orders(HttpExchange ex) throws IOException {
        upstreamRequests.incrementAndGet();
        ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        int status = 200;
        String body = "{}";
        if (ex.getRequestMethod().equals("POST") && path.equals("/orders")) {
            status = 201;
            body = "{\"id\":" + nextId.incrementAndGet() + ",\"item\":\"pen\"}";
        } else if (path.startsWith("/orders/")) {
            body = "{\"id\":" + path.substring(8) + ",\"item\":\"pen\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static List<Endpoint> inventory() {
        Endpoint create = new Endpoint(
                new EndpointKey("127.0.0.1", "POST", "/orders"),
                1.0,
                200,
                Traffic.T0,
                Traffic.T0,
                Exposure.PUBLIC,
                List.of(),
                Set.of(),
                List.of(),
                Map.of(
                        "application/json",
                        Traffic.schema("{\"type\":\"object\",\"properties\":{\"item\":{\"type\":\"string\"}}}")),
                Map.of(),
                List.of());
        Endpoint read = new Endpoint(
                new EndpointKey("127.0.0.1", "GET", "/orders/{orderId}"),
                1.0,
                200,
                Traffic.T0,
                Traffic.T0,
                Exposure.PUBLIC,
                List.of(),
                Set.of(),
                List.of(param("orderId", ParameterLocation.PATH, "{\"type\":\"integer\"}", 200)),
                Map.of(),
                Map.of(),
                List.of());
        return List.of(create, read);
    }

    void start(String mode) {
        start(mode, ModelConfig.DEFAULTS);
    }

    void start(String mode, ModelConfig config) {
        ModelDetectors model = ModelDetectors.of(inventory(), List.of(), config, Classifier.builtIn(), clock);
        ExchangeSink sink = new ExchangeSink() {
            @Override
            public void accept(Exchange exchange) {
                captured.add(exchange);
            }

            @Override
            public void quarantine(Quarantined record) {}
        };
        guard = GuardServer.start(
                GuardConfig.of(
                        0,
                        List.of(new GuardConfig.Route(
                                "api",
                                "*",
                                "/",
                                URI.create("http://127.0.0.1:"
                                        + upstream.getAddress().getPort())))),
                PolicyFile.parse("version: 1\nroutes:\n  api: { mode: " + mode + " }\n", "test"),
                sink,
                clock,
                model);
    }

    HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guard.port() + path))
                .header("Authorization", basic(user))
                .header("Content-Type", "application/json");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the capture thread (and so the model) has processed one more exchange. */
    Exchange analysed() throws InterruptedException {
        Exchange e = captured.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("exchange reached the sink").isNotNull();
        return e;
    }

    List<Alert> alerts(String type) {
        return guard.alerts().stream().filter(a -> a.type().equals(type)).toList();
    }

    @Test
    void blocksAnotherPrincipalReadingAnOrderAliceCreated() throws Exception {
        start("block");
        HttpResponse<String> created = send("POST", "/orders", "alice", "{\"item\":\"pen\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        analysed();
        String id = created.body().replaceAll("\\D+", " ").trim().split(" ")[0];
        int before = upstreamRequests.get();

        HttpResponse<String> attack = send("GET", "/orders/" + id, "bob", null);
        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(upstreamRequests.get()).isEqualTo(before);
        assertThat(alerts("bola")).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("blocked");
            assertThat(a.caller()).isEqualTo("bob");
            assertThat(a.evidence())
                    .contains("bob")
                    .contains("alice")
                    .doesNotContain(basic("bob").substring(6));
        });

        assertThat(send("GET", "/orders/" + id, "alice", null).statusCode()).isEqualTo(200);
    }

    @Test
    void blocksRequestsOutsideThePositiveModelAndForwardsThoseInside() throws Exception {
        start("block");
        assertThat(send("GET", "/orders/abc", "alice", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/admin/export", "alice", null).statusCode()).isEqualTo(403);
        assertThat(alerts("spec.type-mismatch")).hasSize(1);
        assertThat(alerts("spec.unknown-endpoint")).hasSize(1);
        assertThat(upstreamRequests.get()).isZero();
        assertThat(send("GET", "/orders/7", "alice", null).statusCode()).isEqualTo(200);
        assertThat(upstreamRequests.get()).isEqualTo(1);
    }

    @Test
    void monitorModeForwardsAndAlertsAndBodyFindingsComeAfterForwarding() throws Exception {
        start("monitor");
        HttpResponse<String> created = send("POST", "/orders", "alice", "{\"item\":\"pen\",\"role\":\"admin\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        analysed();
        assertThat(alerts("spec.unknown-field")).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("detected-after-forwarding");
            assertThat(a.route()).isEqualTo("api");
            assertThat(a.caller()).isEqualTo("alice");
        });
        String id = created.body().replaceAll("\\D+", " ").trim().split(" ")[0];
        assertThat(send("GET", "/orders/" + id, "bob", null).statusCode()).isEqualTo(200);
        assertThat(alerts("bola")).singleElement().extracting(Alert::action).isEqualTo("monitored");

        send("POST", "/orders", "alice", "{\"item\":\"ink\"}");
        analysed();
        assertThat(alerts("spec.unknown-field")).hasSize(1);
    }

    @Test
    void refusesACallerThatAlreadyReceivedTooManyBytesUntilTheWindowPasses() throws Exception {
        start("block", ModelConfig.DEFAULTS.withExfiltrationMaxBytes(40));
        assertThat(send("GET", "/orders/7", "mallory", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/orders/8", "mallory", null).statusCode()).isEqualTo(200);
        assertThat(alerts("data-exfiltration"))
                .singleElement()
                .extracting(Alert::action)
                .isEqualTo("detected-after-forwarding");
        int before = upstreamRequests.get();
        assertThat(send("GET", "/orders/9", "mallory", null).statusCode()).isEqualTo(403);
        assertThat(upstreamRequests.get()).isEqualTo(before);
        assertThat(alerts("data-exfiltration")).extracting(Alert::action).endsWith("blocked");
        // Another caller with a normal volume is not affected.
        assertThat(send("GET", "/orders/7", "alice", null).statusCode()).isEqualTo(200);
        clock.advance(java.time.Duration.ofMinutes(11));
        assertThat(send("GET", "/orders/9", "mallory", null).statusCode()).isEqualTo(200);
    }

    @Test
    void blocksALargeBodyWhoseLastFieldIsOutsideTheSchemaAndPassesOneThatFits() throws Exception {
        start("block");
        String padding = "pen ".repeat(25_000);
        HttpResponse<String> attack =
                send("POST", "/orders", "alice", "{\"item\":\"" + padding + "\",\"role\":\"admin\"}");
        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(alerts("spec.unknown-field")).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("blocked");
            assertThat(a.evidence()).contains("role");
        });

        HttpResponse<String> fits = send("POST", "/orders", "alice", "{\"item\":\"" + padding + "\"}");
        assertThat(fits.statusCode()).isEqualTo(201);
        assertThat(alerts("spec.unknown-field")).hasSize(1);
    }

    @Test
    void blocksAHeldBodyOutsideTheSchemaBeforeForwardingIt() throws Exception {
        start("block");
        int before = upstreamRequests.get();
        HttpResponse<String> attack = send("POST", "/orders", "alice", "{\"item\":\"pen\",\"isAdmin\":true}");
        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(upstreamRequests.get()).isEqualTo(before);
        assertThat(alerts("spec.unknown-field"))
                .singleElement()
                .extracting(Alert::action)
                .isEqualTo("blocked");
        assertThat(send("POST", "/orders", "alice", "{\"item\":\"pen\"}").statusCode())
                .isEqualTo(201);
    }
}
