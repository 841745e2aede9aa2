package dev.vigil.scan.http;

import dev.vigil.traffic.Header;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** One request the scanner sends: absolute URL, method, headers in order, and a text body (may be empty). */
public record HttpCall(String method, URI url, List<Header> headers, String body) {
    public HttpCall {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static HttpCall get(URI url) {
        return new HttpCall("GET", url, List.of(), "");
    }

    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.named(name)).map(Header::value).findFirst();
    }

    /** A copy with every header of this name replaced by one header (or removed when value is null). */
    public HttpCall withHeader(String name, String value) {
        List<Header> out = new ArrayList<>();
        for (Header h : headers) {
            if (!h.named(name)) {
                out.add(h);
            }
        }
        if (value != null) {
            out.add(new Header(name, value));
        }
        return new HttpCall(method, url, out, body);
    }

    public HttpCall withoutHeader(String name) {
        return withHeader(name, null);
    }

    public HttpCall withMethod(String newMethod) {
        return new HttpCall(newMethod, url, headers, body);
    }

    public HttpCall withUrl(URI newUrl) {
        return new HttpCall(method, newUrl, headers, body);
    }

    public HttpCall withBody(String newBody) {
        return new HttpCall(method, url, headers, newBody);
    }
}
