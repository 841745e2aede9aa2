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
 *
 * <p>A unit waiting for a callback sends nothing, so while it waits it gives back the in-flight slot
 * its thread holds ({@link #holding}) and takes it again afterwards: other units send meanwhile.
 */
public final class CallbackListener implements AutoCloseable {
    private final HttpServer server;
    private final URI base;
    private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();
    private final Set<String> hits = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<java.util.concurrent.Semaphore> slot = new ThreadLocal<>();

    public CallbackListener(URI advertisedBase) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the callback listener", e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/vigil-cb/", ex -> {
            try (ex) {
                // the token is the first segment: a fetching sink may append a path of its own
                String rest = ex.getRequestURI().getPath().substring("/vigil-cb/".length());
                int slash = rest.indexOf('/');
                String token = slash < 0 ? rest : rest.substring(0, slash);
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
        java.util.concurrent.Semaphore held = slot.get();
        if (held == null) {
            return latch(token).await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        held.release();
        try {
            return latch(token).await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            // the unit resumes sending: it must hold a slot again, even when interrupted meanwhile
            held.acquireUninterruptibly();
        }
    }

    /** The current thread's unit holds a slot of {@code inFlight} (null: none) until it calls this again. */
    void holding(java.util.concurrent.Semaphore inFlight) {
        if (inFlight == null) {
            slot.remove();
        } else {
            slot.set(inFlight);
        }
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
