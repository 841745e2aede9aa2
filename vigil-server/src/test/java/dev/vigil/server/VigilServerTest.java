package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.Quarantined;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VigilServerTest {
    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final String LINE = "{\"startedAt\":\"2026-03-01T10:00:00Z\",\"request\":{\"method\":\"GET\","
            + "\"url\":\"https://api.example.com/users/7\",\"headers\":[]},\"response\":{\"status\":200,\"headers\":[],\"body\":\"{}\"}}";

    private final List<Exchange> accepted = new CopyOnWriteArrayList<>();
    private final List<Quarantined> quarantined = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private VigilServer server;

    @BeforeEach
    void start() {
        server = VigilServer.start(new ServerConfig("127.0.0.1", 0, TOKEN, 65536, 1 << 20), new ExchangeSink() {
            @Override
            public void accept(Exchange exchange) {
                accepted.add(exchange);
            }

            @Override
            public void quarantine(Quarantined record) {
                quarantined.add(record);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String contentType, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/traffic"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsJsonLinesAndQuarantinesTheBadLine() throws Exception {
        HttpResponse<String> response =
                post("application/x-ndjson", TOKEN, LINE + "\n{\"request\":{}}\n" + LINE + "\n");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":2").contains("\"quarantined\":1");
        assertThat(accepted).hasSize(2);
        assertThat(accepted.get(0).request().path()).isEqualTo("/users/7");
        assertThat(quarantined).hasSize(1);
    }

    @Test
    void acceptsAJsonArrayOfExchanges() throws Exception {
        HttpResponse<String> response = post("application/json", TOKEN, "[" + LINE + "," + LINE + "]");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(accepted).hasSize(2);
    }

    @Test
    void refusesTrafficWithoutTheBearerToken() throws Exception {
        for (String token : new String[] {null, "wrong-token-0123456789abcdef"}) {
            HttpResponse<String> response = post("application/x-ndjson", token, LINE);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(response.body()).contains("urn:vigil:problem:unauthorized");
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void unsupportedMediaTypeIsAClientErrorNotAFailure() throws Exception {
        HttpResponse<String> response = post("text/plain", TOKEN, "hello");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("unsupported-media-type");
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
