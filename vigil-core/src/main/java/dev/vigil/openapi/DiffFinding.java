package dev.vigil.openapi;

import java.util.Comparator;
import java.util.Objects;

/**
 * One result of a spec diff. {@code severity} is one of {@code info|low|medium|high}; {@code host}
 * is {@code *} for a documented operation whose spec names no host. Findings sort by severity
 * (highest first), then kind, host, path, method and detail, so reports are stable.
 */
public record DiffFinding(FindingKind kind, String severity, String method, String path, String host, String detail)
        implements Comparable<DiffFinding> {

    private static final Comparator<DiffFinding> ORDER = Comparator.comparing(
                    (DiffFinding f) -> Severity.parse(f.severity()), Comparator.reverseOrder())
            .thenComparing(DiffFinding::kind)
            .thenComparing(DiffFinding::host)
            .thenComparing(DiffFinding::path)
            .thenComparing(DiffFinding::method)
            .thenComparing(DiffFinding::detail);

    public DiffFinding {
        Objects.requireNonNull(kind, "kind");
        severity = Severity.parse(severity).id();
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(detail, "detail");
    }

    /** A finding with the kind's own severity. */
    static DiffFinding of(FindingKind kind, String method, String path, String host, String detail) {
        return new DiffFinding(kind, kind.severity().id(), method, path, host, detail);
    }

    @Override
    public int compareTo(DiffFinding other) {
        return ORDER.compare(this, other);
    }
}
