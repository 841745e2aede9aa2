package dev.vigil.guard.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The most recent alerts, bounded: past {@code capacity} the oldest are dropped (and counted in
 * {@link #total()} still). Listeners (the webhook) are told of each alert; they must not block.
 */
public final class AlertLog {
    private final int capacity;
    private final ArrayDeque<Alert> recent;
    private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();
    private long total;

    public AlertLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public void addListener(Consumer<Alert> listener) {
        listeners.add(listener);
    }

    /** Next sequence number; alerts are numbered in the order they are created. */
    public synchronized long nextSequence() {
        return ++total;
    }

    public void add(Alert alert) {
        synchronized (this) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(alert);
        }
        for (Consumer<Alert> l : listeners) {
            l.accept(alert);
        }
    }

    /** Alerts kept, oldest first. */
    public synchronized List<Alert> recent() {
        return new ArrayList<>(recent);
    }

    /** Alerts created since start, including those no longer kept. */
    public synchronized long total() {
        return total;
    }
}
