package dev.vigil.scan.engine;

/**
 * What a running scan reports as it goes, for a progress display. The engine never prints: it calls
 * these methods (from several virtual threads at once, so implementations must be thread-safe and
 * quick) and the caller decides how and how often to show them. Every method has a no-op default so
 * new events can be added without breaking listeners.
 */
public interface ScanProgress {
    /** A listener that ignores everything. */
    ScanProgress NONE = new ScanProgress() {};

    /** The plan is known: {@code units} (test, operation) units will run after learning. */
    default void planned(int units) {}

    /** A phase begins: learning, tests (reads), tests (writes), cleanup. */
    default void phase(Phase phase) {}

    /** One request was charged to the budget or counted outside it ({@code purpose}: phase or test id). */
    default void requestSent(String purpose) {}

    /** One unit finished (or was skipped) with this many findings before deduplication. */
    default void unitDone(String testId, String operation, int findings) {}

    /** Phases of a scan, in order. */
    enum Phase {
        LEARNING,
        READS,
        WRITES,
        CLEANUP
    }
}
