package dev.vigil.discovery;

import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small builder for exchanges in discovery tests. */
final class Exchanges {
    private String method = "GET";
    private String host = "api.example.com";
    private String path = "/v1/items";
    private String query = "";
    private final List<Header> headers = new ArrayList<>();
    private String body = "";
    private Exchange.Response response;
    private String source = "test";
    private String clientAddress = "";

    static Exchanges get(String path) {
        Exchanges e = new Exchanges();
        e.path = path;
        return e;
    }

    static Exchanges post(String path) {
        Exchanges e = get(path);
        e.method = "POST";
        return e;
    }

    Exchanges host(String value) {
        host = value;
        return this;
    }

    Exchanges query(String value) {
        query = value;
        return this;
    }

    Exchanges header(String name, String value) {
        headers.add(new Header(name, value));
        return this;
    }

    Exchanges body(String contentType, String value) {
        headers.add(new Header("Content-Type", contentType));
        body = value;
        return this;
    }

    Exchanges response(int status, String contentType, String responseBody, Header... responseHeaders) {
        List<Header> hs = new ArrayList<>(List.of(responseHeaders));
        if (!contentType.isEmpty()) {
            hs.add(new Header("Content-Type", contentType));
        }
        response = new Exchange.Response(status, hs, responseBody);
        return this;
    }

    Exchanges source(String value) {
        source = value;
        return this;
    }

    Exchanges client(String value) {
        clientAddress = value;
        return this;
    }

    Exchange build() {
        return new Exchange(
                Instant.parse("2026-05-01T12:00:00Z"),
                1000,
                new Exchange.Request(method, "https", host, 443, path, query, headers, body),
                Optional.ofNullable(response),
                source,
                clientAddress);
    }
}
