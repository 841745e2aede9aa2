package dev.vigil.scan.engine;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP listener on the loopback interface (port 0) that records which probe tokens were
 * requested: {@code GET /vigil-cb/<token>}. A received request is the only proof of SSRF.
 * {@code advertisedBase} overrides the URL put into payloads when the target reaches the scanner
 * by another address.
 */
public final class CallbackListener implements AutoCloseable {
    private final HttpServer server;
    private final URI base;
    private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();
    private final Set<String> hits = ConcurrentHashMap.newKeySet();

    public CallbackListener(URI advertisedBase) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the callback listener", e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/vigil-cb/", ex -> {
            try (ex) {
                String token = ex.getRequestURI().getPath().substring("/vigil-cb/".length());
                hits.add(token);
                latch(token).countDown();
                ex.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        base = advertisedBase != null
                ? advertisedBase
                : URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String urlFor(String token) {
        latch(token);
        return base.toString().replaceAll("/+$", "") + "/vigil-cb/" + token;
    }

    /** Waits up to {@code wait} for the token's callback; returns whether it arrived. */
    public boolean awaitHit(String token, Duration wait) throws InterruptedException {
        return latch(token).await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean hit(String token) {
        return hits.contains(token);
    }

    private CountDownLatch latch(String token) {
        return latches.computeIfAbsent(token, t -> new CountDownLatch(1));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
