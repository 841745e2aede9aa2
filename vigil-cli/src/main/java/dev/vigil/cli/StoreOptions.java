package dev.vigil.cli;

import dev.vigil.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where Vigil keeps its data: an embedded PostgreSQL under the data directory, or an external one. */
final class StoreOptions {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:VIGIL_DATA_DIR:-vigil-data}",
            description = "Data directory; the embedded PostgreSQL lives under it (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            defaultValue = "${env:VIGIL_DB_URL}",
            description = "External PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/vigil (env VIGIL_DB_URL). "
                    + "Without it Vigil starts an embedded PostgreSQL.")
    String dbUrl;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            defaultValue = "${env:VIGIL_DB_USER:-vigil}",
            description = "External database user (env VIGIL_DB_USER).")
    String dbUser;

    @Option(
            names = "--db-password-env",
            paramLabel = "VAR",
            defaultValue = "VIGIL_DB_PASSWORD",
            description = "Environment variable holding the external database password (default: ${DEFAULT-VALUE}).")
    String dbPasswordEnv;

    DatabaseConfig config() {
        String password = System.getenv(dbPasswordEnv);
        return new DatabaseConfig(
                Optional.ofNullable(dbUrl).filter(s -> !s.isBlank()),
                dbUser,
                password == null ? "" : password,
                dataDir.toAbsolutePath());
    }
}
