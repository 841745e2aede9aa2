package dev.vigil.openapi;

/**
 * What a spec diff found, each with its fixed severity (see {@code docs/spec-diff.md} for why).
 */
public enum FindingKind {
    /** Observed in traffic, documented in no spec. */
    SHADOW(Severity.HIGH),
    /** Observed, and its documented operation is marked deprecated. */
    ZOMBIE_DEPRECATED(Severity.MEDIUM),
    /** Observed, documented in an older version of a spec but removed from the newest. */
    ZOMBIE_REMOVED(Severity.HIGH),
    /** Observed under an older API version (path segment or host label) while a newer equivalent exists. */
    ZOMBIE_OLD_VERSION(Severity.MEDIUM),
    /** Observed in the past but not for longer than the configured zombie age. */
    ZOMBIE_STALE(Severity.LOW),
    /** A request or response field in traffic that the documented schema does not declare. */
    DRIFT_NEW_FIELD(Severity.MEDIUM),
    /** A value type (or media type) in traffic that the documented schema does not allow. */
    DRIFT_TYPE_CHANGE(Severity.MEDIUM),
    /** A response status in traffic that the operation does not document. */
    DRIFT_UNDOCUMENTED_STATUS(Severity.LOW),
    /** A query or header parameter in traffic that the operation does not document. */
    DRIFT_UNDOCUMENTED_PARAMETER(Severity.MEDIUM),
    /** Documented in the newest spec, never observed. */
    UNSEEN(Severity.INFO),
    /** An outbound call to a third party, listed for the inventory, not judged against specs. */
    THIRD_PARTY(Severity.INFO);

    private final Severity severity;

    FindingKind(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
