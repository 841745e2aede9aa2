package dev.vigil.openapi;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Request headers added by clients, browsers, proxies, meshes and tracing, which API documents
 * rightly leave out; never reported as undocumented parameters. {@code authorization} and
 * {@code cookie} are here because specs document them as security schemes, not parameters.
 */
final class InfrastructureHeaders {
    private static final Set<String> NAMES = Set.of(
            "accept",
            "accept-charset",
            "accept-encoding",
            "accept-language",
            "authorization",
            "b3",
            "baggage",
            "cache-control",
            "connection",
            "content-encoding",
            "content-length",
            "content-type",
            "cookie",
            "dnt",
            "expect",
            "forwarded",
            "host",
            "if-match",
            "if-modified-since",
            "if-none-match",
            "if-range",
            "if-unmodified-since",
            "keep-alive",
            "origin",
            "pragma",
            "priority",
            "range",
            "referer",
            "te",
            "traceparent",
            "tracestate",
            "transfer-encoding",
            "upgrade",
            "upgrade-insecure-requests",
            "user-agent",
            "via",
            "x-correlation-id",
            "x-real-ip",
            "x-request-id",
            "x-requested-with");
    private static final List<String> PREFIXES = List.of(
            "access-control-request-",
            "cf-",
            "proxy-",
            "sec-",
            "x-amzn-",
            "x-b3-",
            "x-cloud-trace-",
            "x-datadog-",
            "x-envoy-",
            "x-forwarded-");

    private InfrastructureHeaders() {}

    static boolean contains(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
    }
}
