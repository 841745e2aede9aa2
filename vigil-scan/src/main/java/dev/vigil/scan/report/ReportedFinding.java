package dev.vigil.scan.report;

import dev.vigil.scan.Finding;
import java.util.List;
import java.util.Objects;

/** A finding as reported: its fingerprint, status (with the suppression reason), and redacted evidence. */
public record ReportedFinding(
        Finding finding, String fingerprint, FindingStatus status, String suppressionReason, List<Evidence> evidence) {
    public ReportedFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
        suppressionReason = suppressionReason == null ? "" : suppressionReason;
        evidence = List.copyOf(evidence);
    }
}
