package dev.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.discovery.AuthScheme;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointJson;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.SensitiveField;
import dev.vigil.traffic.Quarantined;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The endpoint inventory, quarantined input, ingest runs and the discovery engine's state, in
 * PostgreSQL. Every method runs in its own transaction; times come from the {@link Clock}.
 *
 * <p>Endpoints are stored whole as JSON ({@link EndpointJson}) next to columns for the parts that
 * queries filter on. NUL characters in captured text, which PostgreSQL cannot store, are replaced
 * by U+FFFD. Failures are {@link StoreException}s whose messages carry no stored values.
 */
public final class InventoryStore {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final String UPSERT_ENDPOINT = """
            INSERT INTO endpoints (host, method, path_template, template_confidence, calls, first_seen, last_seen,
                                   exposure, auth_schemes, unauthenticated, principal_count, sensitive_field_count,
                                   sensitive_categories, max_sensitive_confidence, doc, updated_at)
            VALUES (:host, :method, :pathTemplate, :templateConfidence, :calls, :firstSeen, :lastSeen,
                    :exposure, CAST(:authSchemes AS jsonb), :unauthenticated, :principalCount, :sensitiveFieldCount,
                    :sensitiveCategories, :maxSensitiveConfidence, CAST(:doc AS jsonb), :now)
            ON CONFLICT ON CONSTRAINT endpoints_key DO UPDATE SET
                template_confidence = excluded.template_confidence,
                calls = excluded.calls,
                first_seen = excluded.first_seen,
                last_seen = excluded.last_seen,
                exposure = excluded.exposure,
                auth_schemes = excluded.auth_schemes,
                unauthenticated = excluded.unauthenticated,
                principal_count = excluded.principal_count,
                sensitive_field_count = excluded.sensitive_field_count,
                sensitive_categories = excluded.sensitive_categories,
                max_sensitive_confidence = excluded.max_sensitive_confidence,
                doc = excluded.doc,
                updated_at = excluded.updated_at
            """;

    private static final String DELETE_ABSENT_ENDPOINTS = """
            DELETE FROM endpoints e
            WHERE NOT EXISTS (
                SELECT 1 FROM unnest(:hosts, :methods, :paths) AS k(host, method, path_template)
                WHERE k.host = e.host AND k.method = e.method AND k.path_template = e.path_template)
            """;

    private static final String INSERT_SENSITIVE_FIELD = """
            INSERT INTO sensitive_fields (endpoint_id, ordinal, location, data_type, category, confidence, samples, matches)
            VALUES (:endpointId, :ordinal, :location, :dataType, :category, :confidence, :samples, :matches)
            """;

    private final Jdbi jdbi;
    private final Clock clock;

    public InventoryStore(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes the stored inventory exactly {@code endpoints}: inserts new ones, updates known ones
     * (their row ids stay stable) and deletes the ones no longer present, in one transaction.
     *
     * @throws IllegalArgumentException if two endpoints share a key
     */
    public void replaceInventory(List<Endpoint> endpoints) {
        List<Row> rows = endpoints.stream().map(Row::of).toList();
        checkUniqueKeys(rows);
        OffsetDateTime now = utc(clock.instant());
        run(
                "could not replace the inventory",
                () -> jdbi.inTransaction(h -> {
                    if (!rows.isEmpty()) {
                        PreparedBatch upsert = h.prepareBatch(UPSERT_ENDPOINT);
                        for (Row row : rows) {
                            row.bind(upsert).bind("now", now).add();
                        }
                        upsert.execute();
                    }
                    h.createUpdate(DELETE_ABSENT_ENDPOINTS)
                            .bindArray(
                                    "hosts",
                                    String.class,
                                    rows.stream().map(r -> r.key.host()).toList())
                            .bindArray(
                                    "methods",
                                    String.class,
                                    rows.stream().map(r -> r.key.method()).toList())
                            .bindArray(
                                    "paths",
                                    String.class,
                                    rows.stream().map(r -> r.key.pathTemplate()).toList())
                            .execute();
                    replaceSensitiveFields(h, rows);
                    return null;
                }));
    }

    private static void replaceSensitiveFields(Handle h, List<Row> rows) {
        // The snapshot replaces every field; rewriting them all is simpler than diffing and as fast.
        h.execute("DELETE FROM sensitive_fields");
        Map<EndpointKey, Long> ids = new HashMap<>();
        h.createQuery("SELECT id, host, method, path_template FROM endpoints")
                .map((rs, ctx) -> Map.entry(
                        new EndpointKey(rs.getString("host"), rs.getString("method"), rs.getString("path_template")),
                        rs.getLong("id")))
                .forEach(e -> ids.put(e.getKey(), e.getValue()));
        PreparedBatch insert = h.prepareBatch(INSERT_SENSITIVE_FIELD);
        boolean any = false;
        for (Row row : rows) {
            List<SensitiveField> fields = row.endpoint.sensitiveFields();
            for (int i = 0; i < fields.size(); i++) {
                SensitiveField f = fields.get(i);
                insert.bind("endpointId", ids.get(row.key))
                        .bind("ordinal", i)
                        .bind("location", PostgresText.text(f.location()))
                        .bind("dataType", PostgresText.text(f.dataType()))
                        .bind("category", PostgresText.text(f.category()))
                        .bind("confidence", f.confidence())
                        .bind("samples", f.samples())
                        .bind("matches", f.matches())
                        .add();
                any = true;
            }
        }
        if (any) {
            insert.execute();
        }
    }

    /** Every stored endpoint, sorted by {@link EndpointKey}. */
    public List<Endpoint> endpoints() {
        List<Endpoint> out = run(
                "could not read the inventory",
                () -> jdbi.withHandle(
                        h -> h.createQuery("SELECT doc::text FROM endpoints ORDER BY host, path_template, method")
                                .mapTo(String.class)
                                .map(EndpointJson::read)
                                .list()));
        // The database's collation may order differently from String.compareTo; the contract is the key order.
        List<Endpoint> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(Endpoint::key));
        return List.copyOf(sorted);
    }

    /** Stores input records that could not be parsed, received now. */
    public void addQuarantined(List<Quarantined> records) {
        if (records.isEmpty()) {
            return;
        }
        OffsetDateTime now = utc(clock.instant());
        run(
                "could not store quarantined records",
                () -> jdbi.inTransaction(h -> {
                    PreparedBatch insert = h.prepareBatch("""
                    INSERT INTO quarantine (source, position, reason, excerpt, received_at)
                    VALUES (:source, :position, :reason, :excerpt, :receivedAt)
                    """);
                    for (Quarantined q : records) {
                        insert.bind("source", PostgresText.text(q.source()))
                                .bind("position", q.position())
                                .bind("reason", PostgresText.text(q.reason()))
                                .bind("excerpt", PostgresText.text(q.excerpt()))
                                .bind("receivedAt", now)
                                .add();
                    }
                    return insert.execute();
                }));
    }

    public long quarantinedCount() {
        return run(
                "could not count quarantined records",
                () -> jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM quarantine")
                        .mapTo(Long.class)
                        .one()));
    }

    /** The {@code limit} most recently quarantined records, newest first. */
    public List<Quarantined> quarantined(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return run(
                "could not read quarantined records",
                () -> jdbi.withHandle(h -> h.createQuery(
                                "SELECT source, position, reason, excerpt FROM quarantine ORDER BY id DESC LIMIT :limit")
                        .bind("limit", limit)
                        .map((rs, ctx) -> new Quarantined(
                                rs.getString("source"),
                                rs.getLong("position"),
                                rs.getString("reason"),
                                rs.getString("excerpt")))
                        .list()));
    }

    /** Records the start of an ingest run from {@code source} and returns its id. */
    public long startRun(String source) {
        Objects.requireNonNull(source, "source");
        OffsetDateTime now = utc(clock.instant());
        return run(
                "could not record the start of an ingest run",
                () -> jdbi.withHandle(h -> h.createQuery(
                                "INSERT INTO ingest_runs (source, started_at) VALUES (:source, :now) RETURNING id")
                        .bind("source", PostgresText.text(source))
                        .bind("now", now)
                        .mapTo(Long.class)
                        .one()));
    }

    /**
     * Records the end of run {@code id} with its counts.
     *
     * @throws StoreException if there is no such run or it already finished
     */
    public void finishRun(long id, long accepted, long quarantined) {
        if (accepted < 0 || quarantined < 0) {
            throw new IllegalArgumentException("ingest counts must not be negative");
        }
        OffsetDateTime now = utc(clock.instant());
        int updated = run(
                "could not record the end of ingest run " + id,
                () -> jdbi.withHandle(h -> h.createUpdate("""
                                UPDATE ingest_runs SET finished_at = :now, accepted = :accepted, quarantined = :quarantined
                                WHERE id = :id AND finished_at IS NULL
                                """)
                        .bind("now", now)
                        .bind("accepted", accepted)
                        .bind("quarantined", quarantined)
                        .bind("id", id)
                        .execute()));
        if (updated != 1) {
            throw new StoreException("ingest run " + id + " does not exist or has already finished");
        }
    }

    /** The {@code limit} most recently started ingest runs, newest first. */
    public List<IngestRun> runs(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return run(
                "could not read ingest runs",
                () -> jdbi.withHandle(h -> h.createQuery("""
                                SELECT id, source, started_at, finished_at, accepted, quarantined
                                FROM ingest_runs ORDER BY id DESC LIMIT :limit
                                """)
                        .bind("limit", limit)
                        .map((rs, ctx) -> new IngestRun(
                                rs.getLong("id"),
                                rs.getString("source"),
                                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                                Optional.ofNullable(rs.getObject("finished_at", OffsetDateTime.class))
                                        .map(OffsetDateTime::toInstant),
                                rs.getLong("accepted"),
                                rs.getLong("quarantined")))
                        .list()));
    }

    /** Saves the engine state {@code doc} under {@code key}, replacing any earlier one. */
    public void saveState(String key, JsonNode doc) {
        Objects.requireNonNull(key, "key");
        String json = json(PostgresText.json(Objects.requireNonNull(doc, "doc")));
        OffsetDateTime now = utc(clock.instant());
        run(
                "could not save engine state '" + key + "'",
                () -> jdbi.withHandle(h -> h.createUpdate("""
                                INSERT INTO engine_state (key, doc, updated_at) VALUES (:key, CAST(:doc AS jsonb), :now)
                                ON CONFLICT (key) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at
                                """)
                        .bind("key", PostgresText.text(key))
                        .bind("doc", json)
                        .bind("now", now)
                        .execute()));
    }

    /**
     * The engine state saved under {@code key}. Equal to what was saved as a JSON value; object key
     * order is not kept (PostgreSQL {@code jsonb} normalises it).
     */
    public Optional<JsonNode> loadState(String key) {
        Objects.requireNonNull(key, "key");
        Optional<String> text = run(
                "could not load engine state '" + key + "'",
                () -> jdbi.withHandle(h -> h.createQuery("SELECT doc::text FROM engine_state WHERE key = :key")
                        .bind("key", PostgresText.text(key))
                        .mapTo(String.class)
                        .findOne()));
        return text.map(InventoryStore::parse);
    }

    private static void checkUniqueKeys(List<Row> rows) {
        Set<EndpointKey> seen = new HashSet<>();
        Set<String> duplicates = new TreeSet<>();
        for (Row row : rows) {
            if (!seen.add(row.key)) {
                duplicates.add(row.key.toString());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("the inventory lists these endpoints more than once: " + duplicates);
        }
    }

    private static <T> T run(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new StoreException(what, e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise JSON document", e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON document is unreadable");
        }
    }

    /** One endpoint with its storable key and the column values derived from it. */
    private record Row(Endpoint endpoint, EndpointKey key, String doc, String authSchemes) {
        static Row of(Endpoint endpoint) {
            JsonNode tree = PostgresText.json(EndpointJson.encode(endpoint));
            EndpointKey key = new EndpointKey(
                    PostgresText.text(endpoint.key().host()),
                    PostgresText.text(endpoint.key().method()),
                    PostgresText.text(endpoint.key().pathTemplate()));
            return new Row(endpoint, key, json(tree), json(tree.get("authSchemes")));
        }

        PreparedBatch bind(PreparedBatch batch) {
            Set<String> categories = new TreeSet<>();
            double maxConfidence = 0;
            for (SensitiveField f : endpoint.sensitiveFields()) {
                categories.add(PostgresText.text(f.category()));
                maxConfidence = Math.max(maxConfidence, f.confidence());
            }
            boolean unauthenticated = endpoint.authSchemes().isEmpty()
                    || endpoint.authSchemes().stream().anyMatch(s -> s instanceof AuthScheme.None);
            return batch.bind("host", key.host())
                    .bind("method", key.method())
                    .bind("pathTemplate", key.pathTemplate())
                    .bind("templateConfidence", endpoint.templateConfidence())
                    .bind("calls", endpoint.calls())
                    .bind("firstSeen", utc(endpoint.firstSeen()))
                    .bind("lastSeen", utc(endpoint.lastSeen()))
                    .bind("exposure", endpoint.exposure().name())
                    .bind("authSchemes", authSchemes)
                    .bind("unauthenticated", unauthenticated)
                    .bind("principalCount", endpoint.principals().size())
                    .bind("sensitiveFieldCount", endpoint.sensitiveFields().size())
                    .bindArray("sensitiveCategories", String.class, List.copyOf(categories))
                    .bind("maxSensitiveConfidence", maxConfidence)
                    .bind("doc", doc);
        }
    }
}
