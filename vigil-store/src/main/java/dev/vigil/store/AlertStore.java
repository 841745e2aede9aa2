package dev.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The guard's decisions, newest first. Evidence arrives redacted; the store keeps it as given.
 * Failures are {@link StoreException}s whose messages carry no stored values.
 */
public final class AlertStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored decision. {@code doc} holds the whole alert with its (redacted) evidence. */
    public record StoredAlert(
            Instant at,
            String route,
            String detector,
            String action,
            String severity,
            String principal,
            String source,
            JsonNode doc) {
        public StoredAlert {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(detector, "detector");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(severity, "severity");
            principal = principal == null ? "" : principal;
            source = source == null ? "" : source;
            Objects.requireNonNull(doc, "doc");
        }
    }

    private final Jdbi jdbi;

    public AlertStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void add(List<StoredAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(h -> {
                var batch = h.prepareBatch("""
                        INSERT INTO alerts (at, route, detector, action, severity, principal, source, doc)
                        VALUES (:at, :route, :detector, :action, :severity, :principal, :source, CAST(:doc AS jsonb))
                        """);
                for (StoredAlert a : alerts) {
                    batch.bind("at", a.at().atOffset(ZoneOffset.UTC))
                            .bind("route", PostgresText.text(a.route()))
                            .bind("detector", a.detector())
                            .bind("action", a.action())
                            .bind("severity", a.severity())
                            .bind("principal", PostgresText.text(a.principal()))
                            .bind("source", PostgresText.text(a.source()))
                            .bind("doc", write(PostgresText.json(a.doc())))
                            .add();
                }
                batch.execute();
            });
        } catch (JdbiException e) {
            throw new StoreException("cannot store " + alerts.size() + " alerts", e);
        }
    }

    /** The newest {@code limit} alerts. */
    public List<StoredAlert> recent(int limit) {
        try {
            return jdbi.withHandle(h -> h.createQuery("""
                            SELECT at, route, detector, action, severity, principal, source, doc::text AS doc
                            FROM alerts ORDER BY at DESC, id DESC LIMIT :limit
                            """)
                    .bind("limit", limit)
                    .map((rs, ctx) -> new StoredAlert(
                            rs.getObject("at", java.time.OffsetDateTime.class).toInstant(),
                            rs.getString("route"),
                            rs.getString("detector"),
                            rs.getString("action"),
                            rs.getString("severity"),
                            rs.getString("principal"),
                            rs.getString("source"),
                            read(rs.getString("doc"))))
                    .list());
        } catch (JdbiException e) {
            throw new StoreException("cannot read alerts", e);
        }
    }

    public long count() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM alerts")
                    .mapTo(Long.class)
                    .one());
        } catch (JdbiException e) {
            throw new StoreException("cannot count alerts", e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise JSON document", e);
        }
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON document is unreadable");
        }
    }
}
