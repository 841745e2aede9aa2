package dev.vigil.discovery;

import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.Quarantined;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Feeds a {@link DiscoveryEngine} from a reader thread through a bounded queue of batches to
 * {@code workers} threads, so parsing and analysis overlap. The queue bounds memory: a fast reader
 * waits for the workers rather than buffering traffic. With zero workers the caller's thread does
 * the analysis itself. Any thread may hand over exchanges; the quarantine consumer must be thread-safe.
 */
public final class ParallelIngest implements ExchangeSink, AutoCloseable {
    private static final int BATCH = 256;
    private static final List<Exchange> POISON = List.of();

    private final DiscoveryEngine engine;
    private final Consumer<Quarantined> quarantine;
    private final BlockingQueue<List<Exchange>> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private List<Exchange> batch = new ArrayList<>(BATCH);

    public ParallelIngest(DiscoveryEngine engine, int workers, Consumer<Quarantined> quarantine) {
        this.engine = engine;
        this.quarantine = quarantine;
        this.queue = new ArrayBlockingQueue<>(Math.max(2, workers * 4));
        for (int i = 0; i < workers; i++) {
            Thread t = Thread.ofPlatform().name("vigil-discovery-" + i).daemon().start(this::work);
            threads.add(t);
        }
    }

    @Override
    public synchronized void accept(Exchange exchange) {
        accepted.incrementAndGet();
        if (threads.isEmpty()) {
            analyse(exchange);
            return;
        }
        batch.add(exchange);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    @Override
    public void quarantine(Quarantined record) {
        quarantined.incrementAndGet();
        quarantine.accept(record);
    }

    public long accepted() {
        return accepted.get();
    }

    public long quarantined() {
        return quarantined.get();
    }

    /** Waits until every exchange handed over so far has been analysed. */
    @Override
    public synchronized void close() {
        if (!batch.isEmpty()) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
        for (int i = 0; i < threads.size(); i++) {
            put(POISON);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while finishing discovery", e);
            }
        }
        threads.clear();
    }

    private void put(List<Exchange> items) {
        try {
            queue.put(items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing traffic", e);
        }
    }

    /** An exchange that breaks analysis is quarantined with the failure's type, never lost or fatal. */
    private void analyse(Exchange e) {
        try {
            engine.accept(e);
        } catch (RuntimeException bug) {
            accepted.decrementAndGet();
            quarantine(new Quarantined(
                    e.source(), -1, "analysis failed: " + bug.getClass().getName(), ""));
        }
    }

    private void work() {
        while (true) {
            List<Exchange> items;
            try {
                items = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (items == POISON) {
                return;
            }
            for (Exchange e : items) {
                analyse(e);
            }
        }
    }
}
