package dev.vigil.guard;

import dev.vigil.traffic.ExchangeSink;
import io.netty.util.AsciiString;
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
 */
final class CaptureQueue implements AutoCloseable {
    /** Lock-free multi-producer (the I/O threads), single-consumer queue: offering takes no lock. */
    private final Queue<ExchangeRecorder> queue;

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

    void submit(ExchangeRecorder recorder) {
        // The queue rounds its capacity up to a power of two; the configured capacity is the bound.
        if (queue.size() >= capacity || !queue.offer(recorder)) {
            metrics.shed();
        }
    }

    private void run() {
        Map<AsciiString, String> headerNames = new HashMap<>();
        long park = MIN_PARK_NANOS;
        while (running) {
            ExchangeRecorder r = queue.poll();
            if (r == null) {
                // Polling instead of a blocking take: I/O threads then never have to wake this
                // thread (a futex call per exchange); analysis waits at most the park time, which
                // grows while the queue stays empty.
                LockSupport.parkNanos(park);
                park = Math.min(MAX_PARK_NANOS, park * 2);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            park = MIN_PARK_NANOS;
            try {
                sink.accept(r.toExchange(headerNames));
                metrics.delivered();
            } catch (RuntimeException e) {
                // The sink's failure must not stop capture for later exchanges; it is counted.
                metrics.sinkFailure();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
    }
}
