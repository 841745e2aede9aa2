package dev.vigil.scan.http;

import dev.vigil.traffic.Header;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * {@link Transport} over {@link HttpClient}. Redirects are not followed (a redirect to a login page
 * is an answer the checks must see). Headers the JDK client manages itself are skipped.
 */
public final class JdkTransport implements Transport {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final int MAX_BODY_CHARS = 1 << 20;

    private final HttpClient client;
    private final Clock clock;
    private final Duration timeout;
    // one client per client certificate: the JDK binds the SSLContext to the client
    private final Map<SSLContext, HttpClient> tlsClients = new ConcurrentHashMap<>();

    public JdkTransport(HttpClient client, Clock clock, Duration timeout) {
        this.client = client;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** An HTTP/1.1 client that does not follow redirects, with a connect timeout. */
    public static HttpClient defaultClient(Duration connectTimeout) {
        // HTTP/1.1: no h2c upgrade attempts, so servers see the requests exactly as built
        return HttpClient.newBuilder()
                // the client's own dependent tasks (response parsing, body handoff) on virtual threads:
                // no platform pool threads to wake up per response
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    @Override
    public HttpResult send(HttpCall call) throws InterruptedException {
        return send(client, call);
    }

    @Override
    public HttpResult send(HttpCall call, Optional<SSLContext> clientTls) throws InterruptedException {
        if (clientTls.isEmpty()) {
            return send(client, call);
        }
        HttpClient withCertificate = tlsClients.computeIfAbsent(clientTls.get(), tls -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(client.version())
                    .followRedirects(client.followRedirects())
                    .sslContext(tls);
            client.connectTimeout().ifPresent(b::connectTimeout);
            return b.build();
        });
        return send(withCertificate, call);
    }

    private HttpResult send(HttpClient via, HttpCall call) throws InterruptedException {
        HttpRequest.BodyPublisher publisher = call.body().isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8);
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(call.url()).timeout(timeout).method(call.method(), publisher);
        for (Header h : call.headers()) {
            if (!RESTRICTED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
                builder.header(h.name(), h.value());
            }
        }
        long start = clock.millis();
        try {
            HttpResponse<String> response =
                    via.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            List<Header> headers = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
                for (String v : e.getValue()) {
                    headers.add(new Header(e.getKey(), v));
                }
            }
            String body = response.body() == null ? "" : response.body();
            if (body.length() > MAX_BODY_CHARS) {
                body = body.substring(0, MAX_BODY_CHARS);
            }
            return new HttpResult(response.statusCode(), headers, body, clock.millis() - start, "");
        } catch (IOException | IllegalArgumentException e) {
            return HttpResult.failed(e.getClass().getSimpleName());
        }
    }
}
