package dev.vigil.scan.report;

import dev.vigil.traffic.Header;
import java.util.List;

/**
 * A redacted request/response pair as shown in reports, with a curl command that reproduces the
 * request and the time the answer took ({@code millis}, 0 when unknown).
 */
public record Evidence(
        String identity,
        String method,
        String url,
        List<Header> requestHeaders,
        String requestBody,
        int status,
        List<Header> responseHeaders,
        String responseBody,
        String curl,
        long millis) {
    public Evidence {
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }
}
