package dev.vigil.traffic;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request and its response, the unit every source (HAR, JSON Lines, the ingest endpoint,
 * the guard) produces and the discovery pipeline consumes.
 *
 * <p>{@code response} is absent when the request got no answer (an aborted HAR entry). Bodies
 * are text; binary bodies are carried as an empty string with their declared length kept in the
 * headers.
 */
public record Exchange(
        Instant startedAt,
        long durationMicros,
        Request request,
        Optional<Response> response,
        String source,
        String clientAddress) {

    public Exchange {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        source = source == null ? "" : source;
        clientAddress = clientAddress == null ? "" : clientAddress;
    }

    /** The request side. {@code path} is the raw path without query; {@code query} is raw, without '?', or empty. */
    public record Request(
            String method,
            String scheme,
            String host,
            int port,
            String path,
            String query,
            List<Header> headers,
            String body) {
        public Request {
            method = Objects.requireNonNull(method, "method").toUpperCase(java.util.Locale.ROOT);
            scheme = scheme == null ? "http" : scheme;
            host = Objects.requireNonNull(host, "host").toLowerCase(java.util.Locale.ROOT);
            path = path == null || path.isEmpty() ? "/" : path;
            query = query == null ? "" : query;
            headers = List.copyOf(headers);
            body = body == null ? "" : body;
        }

        public Optional<String> header(String name) {
            return Headers.first(headers, name);
        }

        /** Host with the port when it is not the scheme's default, as it appears in a URL authority. */
        public String authority() {
            boolean defaultPort =
                    port <= 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return defaultPort ? host : host + ":" + port;
        }

        /** Query parameters in order, decoded; repeated names appear repeatedly. */
        public List<Map.Entry<String, String>> queryParameters() {
            return Headers.formPairs(query);
        }

        /** Cookies sent with the request, in order. */
        public List<Map.Entry<String, String>> cookies() {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            for (Header h : headers) {
                if (!h.named("cookie")) {
                    continue;
                }
                for (String part : h.value().split(";")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        out.add(Map.entry(
                                part.substring(0, eq).trim(),
                                part.substring(eq + 1).trim()));
                    }
                }
            }
            return out;
        }
    }

    /** The response side. */
    public record Response(int status, List<Header> headers, String body) {
        public Response {
            headers = List.copyOf(headers);
            body = body == null ? "" : body;
        }

        public Optional<String> header(String name) {
            return Headers.first(headers, name);
        }
    }

    /** Small helpers shared by both sides. */
    public static final class Headers {
        private Headers() {}

        public static Optional<String> first(List<Header> headers, String name) {
            for (Header h : headers) {
                if (h.named(name)) {
                    return Optional.of(h.value());
                }
            }
            return Optional.empty();
        }

        /** Media type without parameters, lower case, or empty. */
        public static String mediaType(List<Header> headers) {
            String value = first(headers, "content-type").orElse("");
            int semi = value.indexOf(';');
            return (semi >= 0 ? value.substring(0, semi) : value).trim().toLowerCase(java.util.Locale.ROOT);
        }

        public static List<Map.Entry<String, String>> formPairs(String raw) {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            if (raw == null || raw.isEmpty()) {
                return out;
            }
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq >= 0 ? pair.substring(0, eq) : pair;
                String value = eq >= 0 ? pair.substring(eq + 1) : "";
                out.add(Map.entry(decode(name), decode(value)));
            }
            return out;
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return s;
            }
        }
    }
}
