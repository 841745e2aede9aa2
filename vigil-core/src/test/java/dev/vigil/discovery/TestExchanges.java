package dev.vigil.discovery;

import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Builds exchanges for tests, in the shape captured traffic has. */
final class TestExchanges {
    private TestExchanges() {}

    static Exchange exchange(
            String method,
            String url,
            String requestBody,
            int status,
            String responseBody,
            Instant at,
            String... headers) {
        java.net.URI uri = java.net.URI.create(url);
        List<Header> requestHeaders = new ArrayList<>();
        requestHeaders.add(new Header("Host", uri.getHost()));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            requestHeaders.add(new Header(headers[i], headers[i + 1]));
        }
        if (!requestBody.isEmpty()) {
            requestHeaders.add(new Header("Content-Type", "application/json"));
        }
        Exchange.Request request = new Exchange.Request(
                method,
                uri.getScheme(),
                uri.getHost(),
                uri.getPort(),
                uri.getRawPath(),
                uri.getRawQuery(),
                requestHeaders,
                requestBody);
        Exchange.Response response =
                new Exchange.Response(status, List.of(new Header("Content-Type", "application/json")), responseBody);
        return new Exchange(at, 1000, request, Optional.of(response), "test", "203.0.113.7");
    }

    /** An unsigned-looking JWT with the given subject and roles (signature bytes are zeros). */
    static String jwt(String subject, String role) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + subject
                        + "\",\"iss\":\"https://id.example.com\",\"roles\":[\"" + role + "\"],\"exp\":1893456000}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(new byte[32]);
    }
}
