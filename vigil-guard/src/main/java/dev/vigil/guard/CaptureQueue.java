package dev.vigil.guard;

import dev.vigil.traffic.ExchangeSink;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded hand-off from the I/O threads to one analysis thread that feeds the {@link
 * ExchangeSink}. Offering never blocks: when the queue is full the exchange's analysis is shed and
 * counted, and the traffic itself is untouched. A slow or stuck sink therefore only raises the shed
 * counter.
 *
 * <p>The I/O thread converts the recorded heads to the traffic model as it submits them ({@link
 * ExchangeRecorder#seal}), while the decoded heads are still in its core's cache; the analysis thread
 * only decodes the bodies' text. Converting the heads on the analysis thread instead read every
 * header object across cores: measured in {@code docs/guard-benchmark.md}, that cost more CPU in
 * total than it saved the I/O thread, and lowered throughput on a two-core machine.
 */
final class CaptureQueue implements AutoCloseable {
    /** Lock-free multi-producer (the I/O threads), single-consumer queue: offering takes no lock. */
    private final Queue<ExchangeRecorder> queue;

    /** Header names as shared Strings, one map per I/O thread (see {@link ExchangeRecorder#seal}). */
    private static final FastThreadLocal<Map<AsciiString, String>> HEADER_NAMES = new FastThreadLocal<>() {
        @Override
        protected Map<AsciiString, String> initialValue() {
            return new HashMap<>();
        }
    };

    private final int capacity;
    private final ExchangeSink sink;
    private final GuardMetrics metrics;
    private final Thread worker;
    private volatile boolean running = true;
    private static final long MIN_PARK_NANOS = 1_000_000;
    /**
     * The longest wait while the queue stays empty: idle wake-ups cost CPU, and at 4 ms even 200k
     * exchanges per second fill only a fifth of the default queue between two looks.
     */
    private static final long MAX_PARK_NANOS = 4_000_000;

    CaptureQueue(int capacity, ExchangeSink sink, GuardMetrics metrics) {
        this.capacity = capacity;
        this.queue = PlatformDependent.newFixedMpscQueue(capacity);
        this.sink = sink;
        this.metrics = metrics;
        this.worker = Thread.ofPlatform().name("vigil-guard-capture").daemon().unstarted(this::run);
        worker.start();
    }

    /** Whether a new exchange is worth recording; when false the caller skips copying and counts a shed. */
    boolean hasRoom() {
        return queue.size() < capacity;
    }

    /** Called on the I/O thread when the exchange has ended. */
    void submit(ExchangeRecorder recorder) {
        // The queue rounds its capacity up to a power of two; the configured capacity is the bound.
        if (queue.size() >= capacity) {
            metrics.shed();
            return;
        }
        try {
            recorder.seal(HEADER_NAMES.get());
        } catch (RuntimeException e) {
            // A head the traffic model cannot hold loses its analysis, never its forwarding.
            metrics.analysisError();
            return;
        }
        if (!queue.offer(recorder)) {
            metrics.shed();
        }
    }

    private void run() {
        long park = MIN_PARK_NANOS;
        long lastWake = System.nanoTime();
        while (running) {
            // Polling instead of a blocking take: I/O threads then never have to wake this thread
            // (a futex call per exchange). Each wake-up drains what arrived since the last one.
            LockSupport.parkNanos(park);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = System.nanoTime();
            long sinceLastWake = now - lastWake;
            lastWake = now;
            int drained = 0;
            ExchangeRecorder r;
            while (running && (r = queue.poll()) != null) {
                drained++;
                try {
                    sink.accept(r.toExchange());
                    metrics.delivered();
                } catch (RuntimeException failure) {
                    // The sink's failure must not stop capture for later exchanges; it is counted.
                    metrics.sinkFailure();
                }
            }
            park = nextPark(park, sinceLastWake, drained, capacity);
        }
    }

    /**
     * How long to sleep before the next drain. An idle queue doubles the wait up to the maximum; a
     * busy one waits as long as it took, at the rate just seen, to fill a quarter of the queue (at
     * least the minimum, at most the maximum). Fewer, larger batches mean fewer context switches
     * taken from the I/O threads, and a quarter of the queue keeps room for a burst of four times the
     * rate before anything is shed.
     */
    static long nextPark(long park, long intervalNanos, int drained, int capacity) {
        if (drained == 0) {
            return Math.min(MAX_PARK_NANOS, park * 2);
        }
        long quarterFill = (long) ((double) Math.max(1, intervalNanos) * Math.max(1, capacity / 4) / drained);
        return Math.max(MIN_PARK_NANOS, Math.min(MAX_PARK_NANOS, quarterFill));
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
    }
}
