package dev.vigil.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A new, migrated database for each test class, on one embedded PostgreSQL server shared by the
 * whole test run (started on first use, stopped when the run ends). Register as a static field.
 */
final class FreshDatabase implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FreshDatabase.class);

    private static final String PASSWORD = "test-password-0123456789";

    private Database database;

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedServer server = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class);
        String name = server.createDatabase(context.getRequiredTestClass().getSimpleName());
        database = Database.open(new DatabaseConfig(
                Optional.of(server.server.url(name)), EmbeddedServer.SUPERUSER, PASSWORD, server.directory));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        database.close();
    }

    Database database() {
        return database;
    }

    /** Empties every table, for tests in one class that must not see each other's rows. */
    void truncate() {
        database.jdbi()
                .useHandle(
                        h -> h.execute(
                                "TRUNCATE endpoints, sensitive_fields, quarantine, ingest_runs, engine_state, alerts, findings RESTART IDENTITY"));
    }

    private record SharedServer(EmbeddedServer server, Path directory, AtomicInteger databases)
            implements AutoCloseable {
        static SharedServer start() {
            try {
                Path directory = Files.createTempDirectory("vigil-store-test");
                Path passwordFile = Files.writeString(directory.resolve("pg-password"), PASSWORD);
                return new SharedServer(
                        EmbeddedServer.start(directory.resolve("pg"), true, PASSWORD, passwordFile),
                        directory,
                        new AtomicInteger());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String createDatabase(String testClass) {
            String name = "t" + databases.incrementAndGet() + "_" + testClass.toLowerCase(Locale.ROOT);
            try (Connection c =
                            DriverManager.getConnection(server.url("postgres"), EmbeddedServer.SUPERUSER, PASSWORD);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return name;
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(directory.resolve("pg-password"));
            Files.deleteIfExists(directory);
        }
    }
}
