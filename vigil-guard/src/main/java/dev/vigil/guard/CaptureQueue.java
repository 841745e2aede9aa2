package dev.vigil.guard;

import dev.vigil.traffic.ExchangeSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
            ExchangeRecorder r;
            try {
                r = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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
