package dev.vigil.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Active-scan findings, deduplicated by their stable fingerprint: a finding seen again keeps its
 * first-seen time and status and gets a new last-seen time and document.
 */
public final class FindingStore {
    /** One finding as stored. {@code doc} is the whole finding with its redacted evidence. */
    public record StoredFinding(
            String fingerprint,
            String testId,
            String severity,
            String owasp,
            String cwe,
            String method,
            String host,
            String path,
            String title,
            String status,
            JsonNode doc) {
        public StoredFinding {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(testId, "testId");
            Objects.requireNonNull(severity, "severity");
            owasp = owasp == null ? "" : owasp;
            cwe = cwe == null ? "" : cwe;
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(title, "title");
            status = status == null ? "open" : status;
            Objects.requireNonNull(doc, "doc");
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public FindingStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Inserts new findings and refreshes known ones; returns how many were new. */
    public int upsert(List<StoredFinding> findings) {
        if (findings.isEmpty()) {
            return 0;
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        try {
            return jdbi.inTransaction(h -> {
                int created = 0;
                for (StoredFinding f : findings) {
                    boolean inserted = h.createQuery("""
                                    INSERT INTO findings (fingerprint, test_id, severity, owasp, cwe, method, host, path, title,
                                                          status, first_seen, last_seen, doc)
                                    VALUES (:fingerprint, :testId, :severity, :owasp, :cwe, :method, :host, :path, :title,
                                            'open', :now, :now, CAST(:doc AS jsonb))
                                    ON CONFLICT (fingerprint) DO UPDATE SET
                                        severity = excluded.severity, title = excluded.title,
                                        last_seen = excluded.last_seen, doc = excluded.doc
                                    RETURNING (xmax = 0) AS inserted
                                    """)
                            .bind("fingerprint", f.fingerprint())
                            .bind("testId", f.testId())
                            .bind("severity", f.severity())
                            .bind("owasp", f.owasp())
                            .bind("cwe", f.cwe())
                            .bind("method", f.method())
                            .bind("host", PostgresText.text(f.host()))
                            .bind("path", PostgresText.text(f.path()))
                            .bind("title", PostgresText.text(f.title()))
                            .bind("now", now)
                            .bind("doc", AlertStore.write(PostgresText.json(f.doc())))
                            .mapTo(Boolean.class)
                            .one();
                    if (inserted) {
                        created++;
                    }
                }
                return created;
            });
        } catch (JdbiException e) {
            throw new StoreException("cannot store " + findings.size() + " findings", e);
        }
    }

    /** Every stored finding, most severe first, then by endpoint. */
    public List<StoredFinding> all() {
        try {
            return jdbi.withHandle(h -> h.createQuery("""
                            SELECT fingerprint, test_id, severity, owasp, cwe, method, host, path, title, status, doc::text AS doc
                            FROM findings
                            ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2
                                                   WHEN 'low' THEN 3 ELSE 4 END, host, path, method, fingerprint
                            """)
                    .map((rs, ctx) -> new StoredFinding(
                            rs.getString("fingerprint"),
                            rs.getString("test_id"),
                            rs.getString("severity"),
                            rs.getString("owasp"),
                            rs.getString("cwe"),
                            rs.getString("method"),
                            rs.getString("host"),
                            rs.getString("path"),
                            rs.getString("title"),
                            rs.getString("status"),
                            AlertStore.read(rs.getString("doc"))))
                    .list());
        } catch (JdbiException e) {
            throw new StoreException("cannot read findings", e);
        }
    }
}
