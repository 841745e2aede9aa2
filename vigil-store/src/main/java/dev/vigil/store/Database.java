package dev.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * Vigil's open PostgreSQL database, migrated to the current schema.
 *
 * <p>{@link #open} either starts the embedded server on {@code dataDirectory/pg} (data kept across
 * restarts; one process at a time, guarded by a lock file) or connects a connection pool to the
 * external server named by the JDBC URL, then applies the Flyway migrations under
 * {@code db/migration}. {@link #close} closes the pool and stops the embedded server.
 */
public final class Database implements AutoCloseable {
    static final String EMBEDDED_DATABASE = "vigil";

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final List<AutoCloseable> resources;

    private Database(HikariDataSource pool, List<AutoCloseable> resources) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
        // Jdbi would otherwise put bound values (captured traffic) into exception messages.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.resources = resources;
    }

    /** Opens (and for embedded, starts) the database described by {@code config} and migrates it. */
    public static Database open(DatabaseConfig config) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            String url;
            String user;
            String password;
            if (config.jdbcUrl().isPresent()) {
                url = config.jdbcUrl().get();
                checkUrl(url);
                user = config.user();
                password = config.password();
            } else {
                Path pg = prepareDataDirectory(config.dataDirectory());
                Optional<AutoCloseable> lock = lock(config.dataDirectory());
                if (lock.isPresent()) {
                    resources.add(lock.get());
                    password = embeddedPassword(config.dataDirectory(), true);
                    EmbeddedServer server = EmbeddedServer.start(
                            pg, false, password, config.dataDirectory().resolve(PASSWORD_FILE));
                    resources.add(server);
                    createDatabaseIfMissing(server, password);
                    url = server.url(EMBEDDED_DATABASE);
                } else {
                    // Another Vigil process (a running guard or server) owns the embedded PostgreSQL:
                    // connect to it as a client rather than refusing, and leave its lifecycle alone.
                    url = runningServerUrl(config.dataDirectory(), pg);
                    password = embeddedPassword(config.dataDirectory(), false);
                }
                user = EmbeddedServer.SUPERUSER;
            }
            HikariDataSource pool = connect(url, user, password);
            resources.add(pool);
            migrate(pool, url);
            return new Database(pool, resources);
        } catch (RuntimeException e) {
            closeAll(resources, e);
            throw e;
        }
    }

    /** The database, for stores to run their SQL. */
    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        StoreException failure = new StoreException("could not close the database cleanly");
        closeAll(resources, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    boolean isOpen() {
        return !pool.isClosed();
    }

    private static void checkUrl(String url) {
        if (org.postgresql.Driver.parseURL(url, new Properties()) == null) {
            throw new StoreException("not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database): "
                    + DatabaseConfig.redact(url));
        }
    }

    private static Path prepareDataDirectory(Path dataDirectory) {
        Path pg = dataDirectory.resolve(CLUSTER_DIRECTORY);
        try {
            Files.createDirectories(pg);
            // Root can write to a chmod 500 directory but not to a read-only mount: probe for real.
            Files.delete(Files.createTempFile(dataDirectory, ".write-probe", ""));
        } catch (IOException | SecurityException e) {
            throw new StoreException("data directory " + dataDirectory + " is not a writable directory", e);
        }
        return pg;
    }

    /**
     * The embedded server another process started on this data directory, from PostgreSQL's own
     * {@code postmaster.pid} (first line the process id, fourth the port).
     */
    private static String runningServerUrl(Path dataDirectory, Path pg) {
        String notRunning =
                "data directory " + dataDirectory + " is in use by another Vigil process whose database is not running";
        try {
            List<String> lines = Files.readAllLines(pg.resolve("postmaster.pid"));
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return "jdbc:postgresql://127.0.0.1:" + port + "/" + EMBEDDED_DATABASE;
            }
            throw new StoreException(notRunning);
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException stored) {
                throw stored;
            }
            throw new StoreException(notRunning, e);
        }
    }

    /**
     * Two servers on one data directory would corrupt it. Empty when another process holds the
     * directory (its server can be shared); a second open in this process is refused.
     */
    private static Optional<AutoCloseable> lock(Path dataDirectory) {
        Path file = dataDirectory.resolve("vigil.lock");
        String inUse = "data directory " + dataDirectory + " is in use by another Vigil process";
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            FileChannel held = channel;
            return Optional.of(() -> {
                lock.release();
                held.close();
            });
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreException(inUse, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("could not lock data directory " + dataDirectory, e);
        } catch (StoreException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The directory in the data directory that holds the embedded server's cluster. */
    static final String CLUSTER_DIRECTORY = "pg";

    /** The name of the file in the data directory that holds the embedded server's password. */
    static final String PASSWORD_FILE = "pg-password";

    /**
     * The embedded server's superuser password, from {@link #PASSWORD_FILE} (readable by its owner
     * only); the lock holder creates it, at random, on first use.
     */
    static String embeddedPassword(Path dataDirectory, boolean create) {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII)
                        .strip();
            }
            if (!create) {
                throw new StoreException("the embedded database's password file " + file + " is missing");
            }
            Path cluster = dataDirectory.resolve(CLUSTER_DIRECTORY);
            if (Files.isRegularFile(cluster.resolve("PG_VERSION"))) {
                // A new password would not open the old cluster, and would hide the cause behind a
                // failed start on every later run.
                throw new StoreException("the embedded database in " + cluster + " was created with the password in "
                        + file + ", which is missing: restore that file, or move " + cluster
                        + " away to start with an empty database");
            }
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                Files.createFile(
                        file,
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password, java.nio.charset.StandardCharsets.US_ASCII);
            return password;
        } catch (IOException e) {
            throw new StoreException("could not read or create the embedded database's password file " + file, e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedServer server, String password) {
        try (Connection c = java.sql.DriverManager.getConnection(
                        server.url("postgres"), EmbeddedServer.SUPERUSER, password);
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + EMBEDDED_DATABASE + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "could not create the database '" + EMBEDDED_DATABASE + "' on the embedded server", e);
        }
    }

    private static HikariDataSource connect(String url, String user, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("vigil");
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(8);
        // The server's error detail quotes row values ("Failing row contains …"): keep them out of messages.
        hikari.addDataSourceProperty("logServerErrorDetail", "false");
        hikari.setConnectionTimeout(10_000);
        // Fail at open with the driver's reason rather than on the first query.
        hikari.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException(
                    "cannot connect to PostgreSQL at " + DatabaseConfig.redact(url) + " as user '" + user + "': "
                            + rootMessage(e),
                    e);
        }
    }

    private static void migrate(HikariDataSource pool, String url) {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("could not migrate the database at " + DatabaseConfig.redact(url), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** Closes in reverse order of opening, recording failures on {@code failure}. */
    private static void closeAll(List<AutoCloseable> resources, Throwable failure) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failure.addSuppressed(e);
            }
        }
        resources.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing with a clearer reason.
            }
        }
    }
}
