package dev.vigil.cli;

import dev.vigil.discovery.DiscoveryEngine;
import dev.vigil.discovery.Endpoint;
import dev.vigil.store.Database;
import dev.vigil.store.InventoryStore;
import dev.vigil.traffic.Quarantined;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One discovery run against the store: restores the engine's state from the last run (so traffic is
 * never reprocessed), collects quarantined records, and persists inventory and state at the end.
 */
final class DiscoverySession {
    static final String STATE_KEY = "discovery";
    private static final int QUARANTINE_BATCH = 500;

    private final DiscoveryEngine engine;
    private final Optional<InventoryStore> store;
    private final List<Quarantined> pending = new ArrayList<>();
    private long quarantined;

    DiscoverySession(DiscoveryEngine engine, Optional<Database> database) {
        this.engine = engine;
        this.store = database.map(db -> new InventoryStore(db.jdbi(), Clock.systemUTC()));
        store.flatMap(s -> s.loadState(STATE_KEY)).ifPresent(engine::importState);
    }

    DiscoveryEngine engine() {
        return engine;
    }

    Optional<InventoryStore> store() {
        return store;
    }

    /** Thread-safe: readers and analysis workers both quarantine. */
    synchronized void quarantine(Quarantined record) {
        quarantined++;
        pending.add(record);
        if (pending.size() >= QUARANTINE_BATCH) {
            flushQuarantine();
        }
    }

    synchronized long quarantined() {
        return quarantined;
    }

    private void flushQuarantine() {
        store.ifPresent(s -> s.addQuarantined(List.copyOf(pending)));
        pending.clear();
    }

    /** Snapshots the inventory and, with a store, saves it with the engine state. */
    synchronized List<Endpoint> finish() {
        flushQuarantine();
        List<Endpoint> endpoints = engine.snapshot();
        store.ifPresent(s -> {
            s.replaceInventory(endpoints);
            s.saveState(STATE_KEY, engine.exportState());
        });
        return endpoints;
    }
}
