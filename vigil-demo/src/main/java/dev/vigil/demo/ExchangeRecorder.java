package dev.vigil.demo;

import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one java.net.http request and its response into an {@link Exchange}, as a capture proxy
 * would have seen it: the Host and User-Agent the client sends implicitly are added, headers keep
 * the client's order (sorted by name), bodies are text.
 */
final class ExchangeRecorder {

    static final String CLIENT_ADDRESS = "127.0.0.1";
    private static final String USER_AGENT =
            "Java-http-client/" + Runtime.version().feature();

    private ExchangeRecorder() {}

    static Exchange record(
            HttpRequest request,
            String requestBody,
            Optional<HttpResponse<String>> response,
            Instant startedAt,
            Instant finishedAt,
            String source) {
        URI uri = request.uri();
        List<Header> requestHeaders = new ArrayList<>();
        requestHeaders.add(new Header("Host", uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")));
        requestHeaders.add(new Header("User-Agent", USER_AGENT));
        requestHeaders.addAll(headers(request.headers()));
        if (!requestBody.isEmpty()) {
            requestHeaders.add(
                    new Header("Content-Length", String.valueOf(requestBody.getBytes(StandardCharsets.UTF_8).length)));
        }
        Exchange.Request captured = new Exchange.Request(
                request.method(),
                uri.getScheme(),
                uri.getHost(),
                uri.getPort(),
                uri.getRawPath(),
                uri.getRawQuery(),
                requestHeaders,
                requestBody);
        Optional<Exchange.Response> answer =
                response.map(r -> new Exchange.Response(r.statusCode(), headers(r.headers()), r.body()));
        long micros = Math.max(0, Duration.between(startedAt, finishedAt).toNanos() / 1_000);
        return new Exchange(startedAt, micros, captured, answer, source, CLIENT_ADDRESS);
    }

    private static List<Header> headers(HttpHeaders headers) {
        List<Header> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : headers.map().entrySet()) {
            if (entry.getKey().startsWith(":")) {
                continue; // HTTP/2 pseudo-headers are not headers
            }
            for (String value : entry.getValue()) {
                out.add(new Header(entry.getKey(), value));
            }
        }
        return out;
    }
}
