package dev.vigil.scan.report;

/** Where a finding stands against the baseline and suppressions; only {@link #NEW} findings fail a build. */
public enum FindingStatus {
    NEW,
    BASELINE,
    SUPPRESSED
}
