package dev.vigil.guard.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Moves the guard's alerts to durable storage (the database) in batches, on the caller's schedule
 * and never on an I/O thread. A store that fails (database stopped) never reaches traffic: the batch
 * stays pending, is retried on the next {@link #run}, and the failure is counted. Alerts that fall
 * out of the bounded {@link AlertLog} before a store succeeds are counted as lost, not silently
 * dropped.
 */
public final class AlertOutbox implements Runnable {
    /** Where alerts are kept; may throw when unavailable. */
    @FunctionalInterface
    public interface Store {
        void store(List<Alert> batch);
    }

    private final Supplier<List<Alert>> source;
    private final Store store;
    private long lastStored;
    private long stored;
    private long failures;
    private long lost;

    /** {@code source} lists the alerts still kept, oldest first (for example {@code guard::alerts}). */
    public AlertOutbox(Supplier<List<Alert>> source, Store store) {
        this.source = source;
        this.store = store;
    }

    /** Stores every alert raised since the last successful store; a failure is counted and retried later. */
    @Override
    public synchronized void run() {
        List<Alert> fresh = new ArrayList<>();
        long newest = lastStored;
        long oldest = Long.MAX_VALUE;
        for (Alert a : source.get()) {
            if (a.sequence() > lastStored) {
                fresh.add(a);
                newest = Math.max(newest, a.sequence());
                oldest = Math.min(oldest, a.sequence());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        try {
            store.store(List.copyOf(fresh));
        } catch (RuntimeException unavailable) {
            failures++;
            return;
        }
        // Sequences start at 1 and have no holes, so a gap before the oldest kept alert is loss.
        lost += Math.max(0, oldest - lastStored - 1);
        stored += fresh.size();
        lastStored = newest;
    }

    /** Alerts stored so far. */
    public synchronized long stored() {
        return stored;
    }

    /** Drains whose store threw (each retried on the next drain). */
    public synchronized long failures() {
        return failures;
    }

    /** Alerts dropped from the log before any store succeeded. */
    public synchronized long lost() {
        return lost;
    }
}
