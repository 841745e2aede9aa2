package dev.vigil.scan;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A real HTTP server on 127.0.0.1 port 0 whose answers come from a function, for tests. */
public final class TestServer implements AutoCloseable {
    /** A request as the server saw it. */
    public record Req(String method, String path, String query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
        }

        public String queryParam(String name) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return "";
        }

        public String cookie(String name) {
            for (String part : header("cookie").split(";")) {
                String p = part.trim();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
            return "";
        }
    }

    /** An answer. */
    public record Res(int status, Map<String, String> headers, String body) {
        public static Res json(int status, String body) {
            return new Res(status, Map.of("Content-Type", "application/json"), body);
        }

        public Res with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Res(status, h, body);
        }
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Req> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    public TestServer(Function<Req, Res> handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> handle(ex, handler));
        server.start();
    }

    private void handle(HttpExchange ex, Function<Req, Res> handler) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = ex.getRequestURI();
            Req req = new Req(
                    ex.getRequestMethod(),
                    uri.getRawPath(),
                    uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                    headers,
                    body);
            seen.add(req);
            Res res;
            try {
                res = handler.apply(req);
            } catch (RuntimeException e) {
                res = new Res(500, Map.of(), "internal error");
            }
            res.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] bytes = res.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(res.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int requestCount() {
        return requests.get();
    }

    public List<Req> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
