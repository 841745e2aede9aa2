package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening and closing: the embedded server's lifecycle and the errors for unusable configurations. */
class DatabaseTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String PASSWORD = "pw-9f8e7d6c";

    @TempDir
    Path data;

    @Test
    void keepsDataAcrossCloseAndReopenOnTheSameDataDirectory() throws Exception {
        JsonNode state = new ObjectMapper().readTree("{\"trie\":{\"users\":{\"{id}\":{}}},\"version\":3}");
        try (Database db = Database.open(DatabaseConfig.embedded(data))) {
            new InventoryStore(db.jdbi(), CLOCK).saveState("templater", state);
            assertThat(data.resolve("pg/postmaster.pid")).exists();
        }
        assertThat(data.resolve("pg/postmaster.pid"))
                .as("closing stops the server")
                .doesNotExist();
        assertThat(data.resolve("pg/PG_VERSION")).hasContent("17");

        try (Database db = Database.open(DatabaseConfig.embedded(data))) {
            assertThat(new InventoryStore(db.jdbi(), CLOCK).loadState("templater"))
                    .contains(state);
        }
    }

    @Test
    void theEmbeddedServerRefusesConnectionsWithoutItsPassword() throws Exception {
        for (int start = 0; start < 2; start++) { // a new cluster, then the same one restarted
            try (Database db = Database.open(DatabaseConfig.embedded(data))) {
                int port = Integer.parseInt(Files.readAllLines(data.resolve("pg/postmaster.pid"))
                        .get(3)
                        .strip());
                String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
                Path file = data.resolve(Database.PASSWORD_FILE);
                assertThat(Files.getPosixFilePermissions(file))
                        .containsExactlyInAnyOrder(
                                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
                for (String wrong : new String[] {"", "postgres", "x" + Files.readString(file)}) {
                    assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", wrong)
                                    .close())
                            .as("password '%s'", wrong)
                            .isInstanceOf(java.sql.SQLException.class)
                            // the driver does not even send an empty password to a server asking for SCRAM
                            .hasMessageMatching(
                                    "(?s).*(password authentication failed|requested SCRAM-based authentication).*");
                }
                try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection(url, "postgres", Files.readString(file))) {
                    assertThat(c.isValid(5)).isTrue();
                }
            }
        }
    }

    @Test
    void aNewClusterAsksForThePasswordFromItsFirstStart() throws Exception {
        // zonky's own start, without the password step Vigil runs after it: what initdb made.
        Path file = Files.writeString(data.resolve("pw"), PASSWORD + "-long-enough");
        try (var postgres = EmbeddedServer.builder(data.resolve("pg"), true, Files.readString(file), file)
                .start()) {
            assertThat(Files.readString(data.resolve("pg/pg_hba.conf")))
                    .doesNotContainPattern("(?m)^[^#].*\\btrust\\b");
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", "wrong")
                            .close())
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (java.sql.Connection c =
                    java.sql.DriverManager.getConnection(url, "postgres", Files.readString(file))) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aLostPasswordFileIsReportedWithItsRemedyAndNoNewOneIsMade() {
        Database.open(DatabaseConfig.embedded(data)).close();
        Path file = data.resolve(Database.PASSWORD_FILE);
        assertThat(file.toFile().delete()).isTrue();
        assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(data)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file + ", which is missing")
                .hasMessageContaining("restore that file, or move " + data.resolve("pg"));
        assertThat(file).doesNotExist();
    }

    @Test
    void stopsAServerLeftRunningByACrashedProcessAndKeepsItsData() throws Exception {
        Process crashing = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingProcess.class.getName(),
                        data.toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("crashing.log").toFile())
                .start();
        assertThat(crashing.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(crashing.exitValue()).as("the child got as far as halting").isEqualTo(3);
        long orphanPid = Long.parseLong(
                Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).strip());
        assertThat(ProcessHandle.of(orphanPid))
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        try (Database db = Database.open(DatabaseConfig.embedded(data))) {
            assertThat(new InventoryStore(db.jdbi(), CLOCK).loadState("before-crash"))
                    .map(JsonNode::toString)
                    .contains("{\"saved\":true}");
        }
        assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void sharesTheDatabaseOfAnotherRunningProcessWithoutStoppingIt() throws Exception {
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldingProcess.class.getName(),
                        data.toString())
                .redirectError(data.resolve("holding.log").toFile())
                .start();
        try (var out = new java.io.BufferedReader(
                new java.io.InputStreamReader(holder.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            long serverPid = Long.parseLong(
                    Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).strip());

            try (Database shared = Database.open(DatabaseConfig.embedded(data))) {
                assertThat(new InventoryStore(shared.jdbi(), CLOCK).loadState("held"))
                        .map(JsonNode::toString)
                        .contains("{\"by\":\"holder\"}");
            }
            assertThat(ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive))
                    .as("closing the shared connection leaves the owner's server running")
                    .isPresent();
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(holder.exitValue()).isZero();
    }

    @Test
    void refusesASecondOpenOfTheSameDataDirectoryAndKeepsTheFirstWorking() {
        try (Database first = Database.open(DatabaseConfig.embedded(data))) {
            assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(data)))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("data directory " + data + " is in use by another Vigil process");

            assertThat(first.isOpen()).isTrue();
            assertThat(new InventoryStore(first.jdbi(), CLOCK).quarantinedCount())
                    .isZero();
        }
    }

    @Test
    void reportsADataDirectoryThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(data.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(file.resolve("vigil"))))
                .isInstanceOf(StoreException.class)
                .hasMessage("data directory " + file.resolve("vigil") + " is not a writable directory");
    }

    @Test
    void reportsAnUnreachableServerWithoutThePassword() {
        DatabaseConfig config = new DatabaseConfig(
                Optional.of("jdbc:postgresql://127.0.0.1:1/x?password=" + PASSWORD), "vigil", PASSWORD, data);

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(
                        "cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/x?… as user 'vigil': ")
                .hasMessageContaining("refused")
                .satisfies(e -> assertThat(fullTrace(e)).doesNotContain(PASSWORD));
    }

    @Test
    void rejectsAUrlThatIsNotPostgresWithoutThePassword() {
        DatabaseConfig config =
                new DatabaseConfig(Optional.of("jdbc:mysql://db:3306/x?password=" + PASSWORD), "vigil", PASSWORD, data);

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("not a PostgreSQL JDBC URL")
                .satisfies(e -> assertThat(fullTrace(e)).doesNotContain(PASSWORD));
    }

    @Test
    void configTextNeverShowsThePassword() {
        DatabaseConfig config =
                new DatabaseConfig(Optional.of("jdbc:postgresql://db/x?password=" + PASSWORD), "vigil", PASSWORD, data);

        assertThat(config.toString())
                .doesNotContain(PASSWORD)
                .contains("password=(redacted)", "jdbc:postgresql://db/x");
        assertThat(DatabaseConfig.embedded(data).toString()).contains("password=(none)", "(embedded)");
    }

    private static String fullTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
