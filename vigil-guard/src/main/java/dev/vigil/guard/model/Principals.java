package dev.vigil.guard.model;

import dev.vigil.discovery.AuthConfig;
import dev.vigil.discovery.AuthDetector;
import dev.vigil.discovery.Principal;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the principal of a request the same way inline (from a {@link RequestHead}) and on the
 * capture thread (from an {@link Exchange}): both go through vigil-core's {@link AuthDetector} on
 * the credential-bearing headers and the query, so ownership learned from captured responses matches
 * the caller seen inline. Ids are non-secret (a JWT subject, a Basic user, a credential fingerprint).
 */
final class Principals {
    private static final int MAX_CACHED = 20_000;

    private final AuthDetector detector;
    private final List<String> credentialHeaders;
    /** Clients reuse one credential for many requests: resolve each distinct set of headers once. */
    private final Map<String, Optional<String>> byHeaders = new ConcurrentHashMap<>();

    Principals(AuthConfig config) {
        this.detector = new AuthDetector(config);
        List<String> names = new ArrayList<>(List.of("authorization", "cookie"));
        config.apiKeyHeaders().stream().sorted().forEach(names::add);
        this.credentialHeaders = List.copyOf(names);
    }

    /** The principal id of an inline request, or empty for an anonymous one. */
    Optional<String> of(RequestHead head) {
        List<Header> headers = new ArrayList<>(2);
        for (String name : credentialHeaders) {
            String v = head.headers().get(name);
            if (v != null && !v.isEmpty()) {
                headers.add(new Header(name, v));
            }
        }
        if (headers.isEmpty() && head.rawQuery().isEmpty()) {
            return Optional.empty();
        }
        // A query may carry an API key, so only header-only requests are cached.
        String cacheKey = head.rawQuery().isEmpty() ? headers.toString() : null;
        if (cacheKey != null) {
            Optional<String> known = byHeaders.get(cacheKey);
            if (known != null) {
                return known;
            }
        }
        Exchange.Request request =
                new Exchange.Request(head.method(), "http", "guard", 0, head.path(), head.rawQuery(), headers, "");
        Optional<String> id =
                id(new Exchange(Instant.EPOCH, 0, request, Optional.empty(), "guard", head.sourceAddress()));
        if (cacheKey != null) {
            if (byHeaders.size() >= MAX_CACHED) {
                byHeaders.clear();
            }
            byHeaders.put(cacheKey, id);
        }
        return id;
    }

    /** The principal id of a captured exchange, or empty for an anonymous one. */
    Optional<String> of(Exchange exchange) {
        // The response is left out: a login response issuing a session names no caller yet.
        Exchange requestOnly = new Exchange(
                exchange.startedAt(),
                0,
                exchange.request(),
                Optional.empty(),
                exchange.source(),
                exchange.clientAddress());
        return id(requestOnly);
    }

    private Optional<String> id(Exchange exchange) {
        return detector.detect(exchange).principal().map(Principal::id).filter(id -> !id.isBlank());
    }
}
