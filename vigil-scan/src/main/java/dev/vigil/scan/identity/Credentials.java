package dev.vigil.scan.identity;

import dev.vigil.scan.http.HttpCall;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Credentials ready to put on a request: headers, cookies and query parameters. {@code secrets}
 * lists every raw secret value so reports can redact them; {@code expiresAt} drives refresh.
 */
public record Credentials(
        List<Header> headers,
        List<Map.Entry<String, String>> cookies,
        List<Map.Entry<String, String>> query,
        Optional<Instant> expiresAt,
        List<String> secrets,
        Optional<javax.net.ssl.SSLContext> clientTls) {
    public Credentials {
        Objects.requireNonNull(clientTls, "clientTls");
        headers = List.copyOf(headers);
        cookies = List.copyOf(cookies);
        query = List.copyOf(query);
        Objects.requireNonNull(expiresAt, "expiresAt");
        secrets = secrets.stream().filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** Credentials without a TLS client certificate. */
    public Credentials(
            List<Header> headers,
            List<Map.Entry<String, String>> cookies,
            List<Map.Entry<String, String>> query,
            Optional<Instant> expiresAt,
            List<String> secrets) {
        this(headers, cookies, query, expiresAt, secrets, Optional.empty());
    }

    /** Only a TLS client certificate, presented by the transport. */
    public static Credentials clientCertificate(javax.net.ssl.SSLContext tls, List<String> secrets) {
        return new Credentials(List.of(), List.of(), List.of(), Optional.empty(), secrets, Optional.of(tls));
    }

    public static Credentials none() {
        return new Credentials(List.of(), List.of(), List.of(), Optional.empty(), List.of());
    }

    public boolean isEmpty() {
        return headers.isEmpty() && cookies.isEmpty() && query.isEmpty() && clientTls.isEmpty();
    }

    /** The bearer token when credentials are an {@code Authorization: Bearer} header. */
    public Optional<String> bearerToken() {
        return headers.stream()
                .filter(h -> h.named("authorization") && h.value().regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.value().substring(7).trim())
                .findFirst();
    }

    /** Credentials with the bearer token replaced (used to tamper with a token). */
    public Credentials withBearerToken(String token) {
        List<Header> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(h.named("authorization") ? new Header(h.name(), "Bearer " + token) : h);
        }
        return new Credentials(out, cookies, query, expiresAt, secrets, clientTls);
    }

    /**
     * Credentials with every value transformed (after an Authorization scheme such as "Bearer "),
     * used to send damaged credentials.
     */
    public Credentials mapValues(java.util.function.UnaryOperator<String> f) {
        List<Header> h = new ArrayList<>();
        for (Header x : headers) {
            String v = x.value();
            int space = v.indexOf(' ');
            boolean scheme = x.named("authorization") && space > 0;
            h.add(new Header(
                    x.name(), scheme ? v.substring(0, space + 1) + f.apply(v.substring(space + 1)) : f.apply(v)));
        }
        List<Map.Entry<String, String>> c = new ArrayList<>();
        cookies.forEach(e -> c.add(Map.entry(e.getKey(), f.apply(e.getValue()))));
        List<Map.Entry<String, String>> q = new ArrayList<>();
        query.forEach(e -> q.add(Map.entry(e.getKey(), f.apply(e.getValue()))));
        return new Credentials(h, c, q, expiresAt, secrets, clientTls);
    }

    /** The request with these credentials added (replacing headers/cookies of the same name). */
    public HttpCall applyTo(HttpCall call) {
        HttpCall out = call;
        for (Header h : headers) {
            out = out.withHeader(h.name(), h.value());
        }
        if (!cookies.isEmpty()) {
            String mine =
                    cookies.stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
            String existing = out.header("Cookie").orElse("");
            out = out.withHeader("Cookie", existing.isEmpty() ? mine : existing + "; " + mine);
        }
        if (!query.isEmpty()) {
            String extra = query.stream()
                    .map(q -> enc(q.getKey()) + "=" + enc(q.getValue()))
                    .collect(Collectors.joining("&"));
            URI u = out.url();
            String raw = u.getRawQuery() == null || u.getRawQuery().isEmpty() ? extra : u.getRawQuery() + "&" + extra;
            out = out.withUrl(URI.create(u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath() + "?" + raw));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
