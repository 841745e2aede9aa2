package dev.vigil.cli;

import dev.vigil.scan.engine.ScanProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects a scan's progress events into counters (thread-safe: units report from many virtual
 * threads) and hands out consistent-enough {@link Snapshot}s for display.
 */
final class ScanProgressState implements ScanProgress {
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger findings = new AtomicInteger();
    private final AtomicReference<Phase> phase = new AtomicReference<>();

    /**
     * What is shown: units done of total, requests sent, findings so far (before deduplication),
     * the current phase (null before the plan) and the elapsed time.
     */
    record Snapshot(int done, int total, int requests, int findings, Phase phase, Duration elapsed) {}

    @Override
    public void planned(int units) {
        total.set(units);
    }

    @Override
    public void phase(Phase p) {
        phase.set(p);
    }

    @Override
    public void requestSent(String purpose) {
        requests.incrementAndGet();
    }

    @Override
    public void unitDone(String testId, String operation, int found) {
        done.incrementAndGet();
        findings.addAndGet(found);
    }

    Snapshot snapshot(Duration elapsed) {
        return new Snapshot(done.get(), total.get(), requests.get(), findings.get(), phase.get(), elapsed);
    }
}
