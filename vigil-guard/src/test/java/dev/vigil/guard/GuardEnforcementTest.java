package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.policy.Admission;
import dev.vigil.guard.policy.Enforcer;
import dev.vigil.guard.policy.Gate;
import dev.vigil.guard.policy.PolicyFile;
import dev.vigil.guard.policy.PolicyWatcher;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardEnforcementTest {
    static final String SQLI = "/search?q=1%27%20OR%20%271%27%3D%271";
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    TestUpstream upstream;
    GuardServer guard;

    @BeforeEach
    void upstream() throws Exception {
        upstream = new TestUpstream();
    }

    @AfterEach
    void stop() {
        if (guard != null) {
            guard.close();
        }
        upstream.close();
        http.close();
    }

    GuardConfig config() {
        return GuardConfig.of(0, List.of(new GuardConfig.Route("api", "*", "/", upstream.uri())));
    }

    GuardServer start(String policyYaml) {
        guard = GuardServer.start(config(), PolicyFile.parse(policyYaml, "test"), null, clock);
        return guard;
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guard.port() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void blockModeAnswers403ProblemAndNeverForwardsTheAttack() throws Exception {
        start("version: 1\nroutes:\n  api: { mode: block }\n");
        HttpResponse<String> r = get(SQLI);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"status\":403").doesNotContain("OR");
        assertThat(upstream.requests.get()).isZero();
        assertThat(get("/search?q=shoes").statusCode()).isEqualTo(200);
        assertThat(upstream.requests.get()).isEqualTo(1);
        assertThat(guard.alerts()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("blocked");
            assertThat(a.type()).isEqualTo("injection.sql");
            assertThat(a.route()).isEqualTo("api");
            assertThat(a.path()).isEqualTo("/search");
            assertThat(a.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void monitorModeForwardsTheAttackAndRecordsAnAlert() throws Exception {
        start("version: 1\nroutes:\n  api: { mode: monitor }\n");
        assertThat(get(SQLI).statusCode()).isEqualTo(200);
        assertThat(upstream.requests.get()).isEqualTo(1);
        assertThat(guard.alerts()).extracting(Alert::action).containsExactly("monitored");
    }

    @Test
    void throttleModeAnswers429WithRetryAfterPastTheRateLimit() throws Exception {
        start("version: 1\nroutes:\n  api: { mode: throttle, rateLimit: { requests: 3, perSeconds: 60 } }\n");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/items").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = get("/items");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("20");
        assertThat(upstream.requests.get()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(20));
        assertThat(get("/items").statusCode()).isEqualTo(200);
    }

    @Test
    void denyListRefusesAndAllowListBypassesAnalysis() throws Exception {
        start("version: 1\nroutes:\n  api: { mode: block, deny: [\"127.0.0.0/8\"] }\n");
        assertThat(get("/items").statusCode()).isEqualTo(403);
        assertThat(guard.alerts()).extracting(Alert::type).containsExactly("denied-source");
        guard.updatePolicy(
                PolicyFile.parse("version: 1\nroutes:\n  api: { mode: block, allow: [\"127.0.0.1\"] }\n", "t"));
        assertThat(get(SQLI).statusCode()).isEqualTo(200);
        guard.updatePolicy(
                PolicyFile.parse("version: 1\nroutes:\n  api: { mode: block, allow: [\"10.0.0.0/8\"] }\n", "t"));
        assertThat(get(SQLI).statusCode()).isEqualTo(403);
    }

    @Test
    void blocksASourceAfterTooManyFailedLogins() throws Exception {
        start(
                "version: 1\nroutes:\n  api:\n    mode: block\n"
                        + "    credentialAttacks: { maxFailuresPerSource: 5, maxFailuresPerAccount: 100, windowSeconds: 300 }\n");
        for (int i = 0; i < 6; i++) {
            assertThat(get("/login?status=401").statusCode()).isEqualTo(401);
        }
        assertThat(get("/login?status=200").statusCode()).isEqualTo(403);
        assertThat(guard.alerts()).extracting(Alert::type).containsExactly("credential-stuffing");
        clock.advance(Duration.ofMinutes(6));
        assertThat(get("/login?status=200").statusCode()).isEqualTo(200);
    }

    @Test
    void failsOpenOrClosedWhenAnalysisThrows() throws Exception {
        for (String mode : List.of("open", "closed")) {
            Enforcer enforcer = new Enforcer(
                    PolicyFile.parse("version: 1\ndefaults: { onError: " + mode + " }\n", "t"),
                    clock,
                    new dev.vigil.guard.alert.AlertLog(10));
            Gate broken = new Gate() {
                @Override
                public Admission admit(RequestHead head) {
                    throw new IllegalStateException("detector bug");
                }

                @Override
                public void completed(RequestHead head, dev.vigil.guard.policy.Outcome outcome) {
                    throw new IllegalStateException("detector bug");
                }

                @Override
                public Admission onAnalysisFailure(String route) {
                    return enforcer.onAnalysisFailure(route);
                }
            };
            try (GuardServer g = GuardServer.start(config(), broken, null, clock)) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(mode.equals("open") ? 200 : 503);
                assertThat(g.metrics().analysisErrors()).isPositive();
            }
        }
    }

    @Test
    void reloadsThePolicyFileWithoutRestartAndKeepsTheOldOneWhenTheNewIsInvalid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "version: 1\nroutes:\n  api: { mode: monitor }\n");
        guard = GuardServer.start(config(), PolicyFile.load(file), null, clock);
        PolicyWatcher watcher = guard.watchPolicy(file, Duration.ofHours(1));
        assertThat(get(SQLI).statusCode()).isEqualTo(200);
        Files.writeString(file, "version: 1\nroutes:\n  api: { mode: block }\n");
        assertThat(watcher.reloadIfChanged()).isTrue();
        assertThat(get(SQLI).statusCode()).isEqualTo(403);
        Files.writeString(file, "version: 1\nroutes:\n  api: { mode: sometimes }\n");
        assertThat(watcher.reloadIfChanged()).isFalse();
        assertThat(watcher.lastProblems()).singleElement().asString().contains("mode");
        assertThat(get(SQLI).statusCode()).isEqualTo(403);
    }

    @Test
    void postsAlertsToTheWebhookWithoutSecrets() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        hook.createContext("/hook", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        try {
            guard = GuardServer.start(
                    config().withAlertWebhook(URI.create(
                            "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")),
                    PolicyFile.parse("version: 1\nroutes:\n  api: { mode: block }\n", "t"),
                    null,
                    clock);
            String secret = "Bearer sk_live_abcdefghijklmnopqrstuvwxyz0123456789";
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guard.port() + SQLI))
                            .header("Authorization", secret)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            String body = received.poll(10, TimeUnit.SECONDS);
            assertThat(body)
                    .contains("\"type\":\"injection.sql\"")
                    .contains("\"action\":\"blocked\"")
                    .contains("\"caller\":\"token:")
                    .doesNotContain("sk_live");
        } finally {
            hook.stop(0);
        }
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guard.port() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void blockModeChecksSmallBodiesBeforeForwardingAndPassesCleanOnesUnchanged() throws Exception {
        start("version: 1\nroutes:\n  api: { mode: block }\n");
        HttpResponse<String> attack = postJson("/sha", "{\"name\":\"x' UNION SELECT card FROM cards--\"}");
        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(upstream.requests.get()).isZero();
        assertThat(guard.alerts())
                .extracting(Alert::action, Alert::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("blocked", "injection.sql"));
        String clean = "{\"name\":\"O'Reilly\",\"note\":\"rock and roll\"}";
        HttpResponse<String> ok = postJson("/sha", clean);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(clean.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void monitorModeStreamsBodiesAndReportsBodyFindingsAfterForwarding() throws Exception {
        guard = GuardServer.start(
                config(),
                PolicyFile.parse("version: 1\nroutes:\n  api: { mode: monitor }\n", "t"),
                new dev.vigil.traffic.ExchangeSink() {
                    @Override
                    public void accept(dev.vigil.traffic.Exchange exchange) {}

                    @Override
                    public void quarantine(dev.vigil.traffic.Quarantined record) {}
                },
                clock);
        assertThat(postJson("/sha", "{\"q\":\"1' OR '1'='1\"}").statusCode()).isEqualTo(200);
        assertThat(upstream.requests.get()).isEqualTo(1);
        assertThat(guard.alerts()).extracting(Alert::action).containsExactly("detected-after-forwarding");
    }

    @Test
    void blocksMcpToolCallsOutsideTheAllowListInline() throws Exception {
        start("version: 1\nroutes:\n  api:\n    mode: block\n    mcp: { allowedTools: [search_docs] }\n");
        String denied = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"run_shell\"}}";
        assertThat(postJson("/mcp", denied).statusCode()).isEqualTo(403);
        String allowed =
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search_docs\"}}";
        assertThat(postJson("/mcp", allowed).statusCode()).isEqualTo(200);
        assertThat(upstream.requests.get()).isEqualTo(1);
        assertThat(guard.alerts()).extracting(Alert::type).containsExactly("mcp.tool-denied");
    }

    @Test
    void invitesTheBodyItselfWhenAHeldRequestExpects100Continue() throws Exception {
        start("version: 1\nroutes:\n  api: { mode: block }\n");
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", guard.port())) {
            java.io.OutputStream out = s.getOutputStream();
            java.io.InputStream in = s.getInputStream();
            out.write(("POST /sha HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                            + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 100 Continue");
            out.write("{}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawHttp.readResponse(in))
                    .startsWith("HTTP/1.1 200")
                    .endsWith(java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest("{}".getBytes(StandardCharsets.US_ASCII))));
        }
    }
}
