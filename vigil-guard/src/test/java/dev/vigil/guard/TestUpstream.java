package dev.vigil.guard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small upstream on 127.0.0.1 for guard tests:
 * <ul>
 *   <li>{@code /sha} answers with the SHA-256 of the request body it received</li>
 *   <li>{@code /bytes?n=N} streams N deterministic bytes, chunked</li>
 *   <li>{@code /headers} answers with the request headers it received, one "name: value" a line</li>
 *   <li>anything else answers 200 "ok", or the status given as {@code ?status=N}</li>
 * </ul>
 * It remembers the remote address of every connection it served.
 */
final class TestUpstream implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    final Set<String> connections = ConcurrentHashMap.newKeySet();
    final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        connections.add(ex.getRemoteAddress().toString());
        requests.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        try (InputStream in = ex.getRequestBody();
                OutputStream out = ex.getResponseBody()) {
            if (path.equals("/sha")) {
                byte[] sha = sha256(in);
                byte[] body = HexFormat.of().formatHex(sha).getBytes(StandardCharsets.US_ASCII);
                ex.sendResponseHeaders(200, body.length);
                out.write(body);
            } else if (path.equals("/bytes")) {
                in.readAllBytes();
                long n = Long.parseLong(query.substring(query.indexOf('=') + 1));
                ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
                ex.sendResponseHeaders(200, 0);
                byte[] buf = new byte[8192];
                long sent = 0;
                while (sent < n) {
                    int len = (int) Math.min(buf.length, n - sent);
                    fill(buf, sent, len);
                    out.write(buf, 0, len);
                    sent += len;
                }
            } else if (path.equals("/headers")) {
                in.readAllBytes();
                Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                sorted.putAll(ex.getRequestHeaders());
                StringBuilder sb = new StringBuilder();
                sorted.forEach((k, v) -> sb.append(k.toLowerCase(java.util.Locale.ROOT))
                        .append(": ")
                        .append(String.join(",", v))
                        .append('\n'));
                byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                out.write(body);
            } else {
                in.readAllBytes();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|&)status=(\\d{3})")
                        .matcher(query == null ? "" : query);
                int status = m.find() ? Integer.parseInt(m.group(1)) : 200;
                byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
                ex.getResponseHeaders().set("Content-Type", "text/plain");
                ex.sendResponseHeaders(status, body.length);
                out.write(body);
            }
        }
    }

    /** The byte at offset i of every generated body; the same formula the tests check against. */
    static void fill(byte[] buf, long offset, int len) {
        for (int i = 0; i < len; i++) {
            long x = offset + i;
            buf[i] = (byte) (x * 31 + (x >>> 8));
        }
    }

    static byte[] sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
