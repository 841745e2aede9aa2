package dev.vigil.guard;

import dev.vigil.traffic.ExchangeSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded hand-off from the I/O threads to one analysis thread that feeds the {@link
 * ExchangeSink}. Offering never blocks: when the queue is full the exchange's analysis is shed and
 * counted, and the traffic itself is untouched. A slow or stuck sink therefore only raises the shed
 * counter.
 */
final class CaptureQueue implements AutoCloseable {
    private final BlockingQueue<ExchangeRecorder> queue;
    private final ExchangeSink sink;
    private final GuardMetrics metrics;
    private final Thread worker;
    private volatile boolean running = true;
    private static final long IDLE_PARK_NANOS = 1_000_000;

    CaptureQueue(int capacity, ExchangeSink sink, GuardMetrics metrics) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.metrics = metrics;
        this.worker = Thread.ofPlatform().name("vigil-guard-capture").daemon().unstarted(this::run);
        worker.start();
    }

    /** Whether a new exchange is worth recording; when false the caller skips copying and counts a shed. */
    boolean hasRoom() {
        return queue.remainingCapacity() > 0;
    }

    void submit(ExchangeRecorder recorder) {
        if (!queue.offer(recorder)) {
            metrics.shed();
        }
    }

    private void run() {
        while (running) {
            ExchangeRecorder r = queue.poll();
            if (r == null) {
                // Polling instead of a blocking take: I/O threads then never have to wake this
                // thread (a futex call per exchange); analysis waits at most the park time.
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            try {
                sink.accept(r.toExchange());
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
