package dev.vigil.traffic;

/** What one read of a traffic source produced: exchanges handed to the sink and records quarantined. */
public record ReadSummary(long accepted, long quarantined) {
    public ReadSummary {
        if (accepted < 0 || quarantined < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
