package dev.vigil.scan.http;

import dev.vigil.traffic.Header;
import java.util.List;
import java.util.Optional;

/**
 * What came back for an {@link HttpCall}. {@code status} is 0 when no response arrived, with the
 * reason in {@code error}; {@code millis} is the elapsed time measured by the transport's clock.
 */
public record HttpResult(int status, List<Header> headers, String body, long millis, String error) {
    public HttpResult {
        headers = List.copyOf(headers);
        body = body == null ? "" : body;
        error = error == null ? "" : error;
    }

    public static HttpResult failed(String error) {
        return new HttpResult(0, List.of(), "", 0, error);
    }

    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.named(name)).map(Header::value).findFirst();
    }

    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.named(name)).map(Header::value).toList();
    }

    public boolean answered() {
        return status > 0;
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }

    public boolean denied() {
        return status == 401 || status == 403;
    }
}
