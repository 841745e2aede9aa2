package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.AuthScheme;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.Exposure;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.discovery.ResponseSummary;
import dev.vigil.discovery.SensitiveField;
import dev.vigil.traffic.Quarantined;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InventoryStoreTest {
    @RegisterExtension
    static final FreshDatabase DB = new FreshDatabase();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private InventoryStore store;
    private Jdbi jdbi;

    @BeforeEach
    void emptyTables() {
        DB.truncate();
        jdbi = DB.database().jdbi();
        store = new InventoryStore(jdbi, clock);
    }

    @Test
    void appliesTheMigrationsInOrder() {
        List<String> applied = jdbi.withHandle(h -> h.createQuery(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")
                .mapTo(String.class)
                .list());
        List<String> tables = jdbi.withHandle(h -> h.createQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")
                .mapTo(String.class)
                .list());

        assertThat(applied).containsExactly("1", "2");
        assertThat(tables)
                .contains(
                        "endpoints",
                        "sensitive_fields",
                        "quarantine",
                        "ingest_runs",
                        "engine_state",
                        "alerts",
                        "findings");
    }

    @Test
    void storesAndReadsBackWholeEndpoints() {
        Endpoint users = endpoint("api.example.com", "GET", "/users/{userId}", 10, pii("response:$.email"));

        store.replaceInventory(List.of(users));

        assertThat(store.endpoints()).containsExactly(users);
    }

    @Test
    void upsertsKnownEndpointsKeepingTheirIdsAndDeletesTheAbsentOnes() {
        Endpoint a = endpoint("api.example.com", "GET", "/a", 1, pii("response:$.email"));
        Endpoint b = endpoint("api.example.com", "GET", "/b", 2, pii("query:ssn"));
        store.replaceInventory(List.of(a, b));
        long bId = idOf("/b");

        Endpoint bLater = endpoint("api.example.com", "GET", "/b", 50);
        Endpoint c = endpoint("api.example.com", "POST", "/c", 3, pii("request:$.card"));
        clock.advance(Duration.ofMinutes(5));
        store.replaceInventory(List.of(c, bLater));

        assertThat(store.endpoints()).containsExactly(bLater, c);
        assertThat(idOf("/b")).isEqualTo(bId);
        assertThat(
                        strings(
                                "SELECT e.path_template || ' ' || f.location FROM sensitive_fields f JOIN endpoints e ON e.id = f.endpoint_id"))
                .containsExactly("/c request:$.card");
        assertThat(strings("SELECT calls::text FROM endpoints WHERE path_template = '/b'"))
                .containsExactly("50");
    }

    @Test
    void anEmptyInventoryDeletesEverything() {
        store.replaceInventory(List.of(endpoint("h", "GET", "/a", 1, pii("query:email"))));

        store.replaceInventory(List.of());

        assertThat(store.endpoints()).isEmpty();
        assertThat(count("sensitive_fields")).isZero();
    }

    @Test
    void returnsEndpointsSortedByKeyWhateverTheOrderGiven() {
        Endpoint b = endpoint("b.example", "GET", "/", 1);
        Endpoint aPost = endpoint("a.example", "POST", "/x", 1);
        Endpoint aGet = endpoint("a.example", "GET", "/x", 1);
        Endpoint aRoot = endpoint("a.example", "GET", "/", 1);

        store.replaceInventory(List.of(b, aPost, aGet, aRoot));

        assertThat(store.endpoints())
                .extracting(Endpoint::key)
                .isSorted()
                .containsExactly(aRoot.key(), aGet.key(), aPost.key(), b.key());
    }

    @Test
    void refusesDuplicateKeysAndLeavesTheInventoryAsItWas() {
        Endpoint a = endpoint("h", "GET", "/a", 1);
        store.replaceInventory(List.of(a));

        assertThatThrownBy(() ->
                        store.replaceInventory(List.of(endpoint("h", "GET", "/b", 1), endpoint("h", "GET", "/b", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET h/b");
        assertThat(store.endpoints()).containsExactly(a);
    }

    @Test
    void rollsBackAFailedSaveWithoutPuttingStoredValuesInTheMessage() {
        Endpoint a = endpoint("h", "GET", "/a", 1);
        store.replaceInventory(List.of(a));
        Endpoint bad = endpoint(
                "h", "GET", "/b", 1, new SensitiveField("response:$.s3cr3t-value", "token", "credentials", 1.5, 1, 1));

        assertThatThrownBy(() -> store.replaceInventory(List.of(bad)))
                .isInstanceOf(StoreException.class)
                .hasMessage("could not replace the inventory")
                .satisfies(e ->
                        assertThat(fullTrace(e)).contains("sensitive_fields").doesNotContain("s3cr3t-value"));
        assertThat(store.endpoints()).containsExactly(a);
    }

    @Test
    void embeddedServerIsDurableAndKeepsRowValuesOutOfItsLog() {
        assertThat(strings("""
                        SELECT current_setting('fsync') || ' ' || current_setting('synchronous_commit') || ' '
                               || current_setting('log_error_verbosity') || ' ' || current_setting('log_min_error_statement')
                        """)).containsExactly("on on terse panic");
    }

    @Test
    void summarisesSensitiveCategoriesAndMissingAuthentication() {
        Endpoint open = endpoint("h", "GET", "/open", 1, pii("query:email"), pii("response:$.phone"), secret());
        Endpoint guarded = withAuth(endpoint("h", "GET", "/guarded", 1), new AuthScheme.Basic());
        store.replaceInventory(List.of(open, guarded));

        assertThat(strings("""
                        SELECT path_template || ' ' || unauthenticated || ' ' || sensitive_field_count || ' '
                               || array_to_string(sensitive_categories, ',') || ' ' || max_sensitive_confidence
                        FROM endpoints ORDER BY path_template
                        """)).containsExactly("/guarded false 0  0", "/open true 3 credentials,pii 0.97");
    }

    @Test
    void storesCapturedTextContainingNulCharacters() {
        Endpoint nul = endpoint("h", "GET", "/a\u0000b", 1);
        store.replaceInventory(List.of(nul));
        store.addQuarantined(List.of(new Quarantined("har", 1, "bad json", "{\u0000")));

        assertThat(store.endpoints()).extracting(e -> e.key().pathTemplate()).containsExactly("/a\uFFFDb");
        assertThat(store.quarantined(1)).extracting(Quarantined::excerpt).containsExactly("{\uFFFD");
    }

    @Test
    void keepsQuarantinedRecordsNewestFirst() {
        store.addQuarantined(
                List.of(new Quarantined("a.har", 1, "not JSON", "{"), new Quarantined("a.har", 7, "no request", "{}")));
        clock.advance(Duration.ofSeconds(1));
        store.addQuarantined(List.of(new Quarantined("b.jsonl", 3, "bad method", "")));
        store.addQuarantined(List.of());

        assertThat(store.quarantinedCount()).isEqualTo(3);
        assertThat(store.quarantined(2))
                .containsExactly(
                        new Quarantined("b.jsonl", 3, "bad method", ""),
                        new Quarantined("a.har", 7, "no request", "{}"));
        assertThat(store.quarantined(0)).isEmpty();
        assertThat(strings("SELECT max(received_at) AT TIME ZONE 'UTC' FROM quarantine"))
                .containsExactly("2026-03-01 10:00:01");
    }

    @Test
    void recordsIngestRunsFromStartToFinish() {
        long first = store.startRun("a.har");
        clock.advance(Duration.ofSeconds(30));
        long second = store.startRun("b.har");
        clock.advance(Duration.ofSeconds(5));

        store.finishRun(first, 120, 3);

        assertThat(store.runs(10))
                .containsExactly(
                        new IngestRun(second, "b.har", T0.plusSeconds(30), Optional.empty(), 0, 0),
                        new IngestRun(first, "a.har", T0, Optional.of(T0.plusSeconds(35)), 120, 3));
    }

    @Test
    void refusesToFinishARunTwiceOrOneThatDoesNotExist() {
        long run = store.startRun("a.har");
        store.finishRun(run, 1, 0);

        assertThatThrownBy(() -> store.finishRun(run, 2, 0))
                .isInstanceOf(StoreException.class)
                .hasMessage("ingest run " + run + " does not exist or has already finished");
        assertThatThrownBy(() -> store.finishRun(run + 100, 2, 0)).isInstanceOf(StoreException.class);
        assertThat(store.runs(1).get(0).accepted()).isEqualTo(1);
    }

    @Test
    void savesAndReplacesEngineStateByKey() throws Exception {
        JsonNode first = JSON.readTree(
                "{\"trie\":{\"users\":{\"{id}\":{\"count\":12}}},\"big\":9007199254740993,\"ratio\":0.1,\"tags\":[\"b\",\"a\"]}");
        JsonNode second = JSON.readTree("{\"trie\":{}}");

        store.saveState("templater", first);
        assertThat(store.loadState("templater")).contains(first);

        store.saveState("templater", second);
        store.saveState("schemas", first);
        assertThat(store.loadState("templater")).contains(second);
        assertThat(store.loadState("schemas")).contains(first);
        assertThat(store.loadState("absent")).isEmpty();
    }

    private List<String> strings(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private long idOf(String path) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM endpoints WHERE path_template = :p")
                .bind("p", path)
                .mapTo(Long.class)
                .one());
    }

    private long count(String table) {
        return jdbi.withHandle(h ->
                h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    private static SensitiveField pii(String location) {
        return new SensitiveField(location, "email", "pii", 0.9, 10, 9);
    }

    private static SensitiveField secret() {
        return new SensitiveField("header:x-api-key", "api-key", "credentials", 0.97, 40, 39);
    }

    static Endpoint endpoint(String host, String method, String path, long calls, SensitiveField... fields) {
        ObjectNode idSchema = JSON.createObjectNode().put("type", "string").put("format", "uuid");
        ObjectNode body = JSON.createObjectNode().put("type", "object");
        body.putObject("properties").putObject("email").put("type", "string").put("format", "email");
        return new Endpoint(
                new EndpointKey(host, method, path),
                0.75,
                calls,
                T0.minusSeconds(3600),
                T0.plusNanos(123_456_789),
                Exposure.PUBLIC,
                List.of(),
                Set.of("alice"),
                List.of(new Parameter("id", ParameterLocation.QUERY, false, idSchema, calls)),
                Map.of("application/json", body),
                Map.of(200, new ResponseSummary(200, calls, Map.of("application/json", body))),
                List.of(fields));
    }

    private static Endpoint withAuth(Endpoint e, AuthScheme... schemes) {
        return new Endpoint(
                e.key(),
                e.templateConfidence(),
                e.calls(),
                e.firstSeen(),
                e.lastSeen(),
                e.exposure(),
                List.of(schemes),
                e.principals(),
                e.parameters(),
                e.requestBodies(),
                e.responses(),
                e.sensitiveFields());
    }

    private static String fullTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
