package dev.vigil.guard;

import dev.vigil.guard.policy.Policy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Correctness soak for bench/guard-bench.sh: {@code <requests> <connections>}. Sends POSTs with
 * bodies of random size (0–4 KiB, random bytes) through an in-process guard (monitor policy, capture
 * on) to an upstream that answers each body's SHA-256, over keep-alive connections, and checks every
 * answer. Exits 1 if any request failed or came back altered.
 */
public final class GuardSoak {
    private GuardSoak() {}

    public static void main(String[] args) throws Exception {
        // The JDK server otherwise leaves Nagle on, and its header and body writes then wait for
        // delayed ACKs (40 ms per request); that would measure the test upstream, not the guard.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        long total = Long.parseLong(args[0]);
        int connections = Integer.parseInt(args[1]);
        AtomicLong ok = new AtomicLong();
        AtomicLong altered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (TestUpstream upstream = new TestUpstream();
                GuardServer guard = GuardServer.start(
                        GuardConfig.of(0, List.of(new GuardConfig.Route("soak", "*", "/", upstream.uri())))
                                .withEventLoopThreads(1),
                        Policy.monitorAll(),
                        new dev.vigil.traffic.ExchangeSink() {
                            @Override
                            public void accept(dev.vigil.traffic.Exchange exchange) {}

                            @Override
                            public void quarantine(dev.vigil.traffic.Quarantined record) {}
                        },
                        Clock.systemUTC())) {
            long start = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < connections; w++) {
                long share = total / connections + (w < total % connections ? 1 : 0);
                long seed = w;
                workers.add(Thread.ofPlatform().start(() -> run(guard.port(), share, seed, ok, altered, failed)));
            }
            for (Thread t : workers) {
                t.join();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            // The capture thread hands exchanges on in batches (it sleeps up to a few milliseconds
            // between them): wait, at most two seconds, for the last batch before reading the counters.
            GuardMetrics m = guard.metrics();
            long settle = System.nanoTime() + 2_000_000_000L;
            while (m.captured() + m.analysisShed() + m.analysisErrors() + m.sinkFailures() < m.requests()
                    && System.nanoTime() < settle) {
                Thread.sleep(10);
            }
            System.out.printf(
                    "soak: %d requests, %d ok, %d altered, %d failed in %.1f s (%.0f rps); guard %s%n",
                    total, ok.get(), altered.get(), failed.get(), secs, total / secs, guard.metrics());
        }
        System.exit(altered.get() == 0 && failed.get() == 0 && ok.get() == total ? 0 : 1);
    }

    private static void run(int port, long count, long seed, AtomicLong ok, AtomicLong altered, AtomicLong failed) {
        SplittableRandom random = new SplittableRandom(seed);
        long done = 0;
        while (done < count) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setTcpNoDelay(true);
                OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 32 * 1024);
                InputStream in = s.getInputStream();
                for (; done < count; done++) {
                    byte[] body = new byte[random.nextInt(4 * 1024 + 1)];
                    random.nextBytes(body);
                    out.write(("POST /sha HTTP/1.1\r\nHost: soak\r\nContent-Type: application/octet-stream\r\n"
                                    + "Content-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    String response = RawHttp.readResponse(in);
                    String expected = HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(body));
                    if (response.startsWith("HTTP/1.1 200") && response.endsWith(expected)) {
                        ok.incrementAndGet();
                    } else {
                        altered.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                failed.incrementAndGet();
                done++;
            }
        }
    }
}
