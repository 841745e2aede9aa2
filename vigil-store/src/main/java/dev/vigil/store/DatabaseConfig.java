package dev.vigil.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Vigil keeps its data.
 *
 * <p>Without {@code jdbcUrl}, Vigil runs its own embedded PostgreSQL whose files live under
 * {@code dataDirectory/pg}; {@code user} and {@code password} are then unused (the embedded server
 * listens on the loopback interface only). With {@code jdbcUrl} ({@code jdbc:postgresql://…}) Vigil
 * connects to that server as {@code user} with {@code password}. {@link #toString()} never shows the
 * password.
 */
public record DatabaseConfig(Optional<String> jdbcUrl, String user, String password, Path dataDirectory) {
    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /** An embedded database with its files under {@code dataDirectory/pg}. */
    public static DatabaseConfig embedded(Path dataDirectory) {
        return new DatabaseConfig(Optional.empty(), "", "", dataDirectory);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl.map(DatabaseConfig::redact).orElse("(embedded)") + ", user=" + user
                + ", password=" + (password.isEmpty() ? "(none)" : "(redacted)") + ", dataDirectory=" + dataDirectory
                + "]";
    }

    /** The URL without its query string, which may carry a password or other secrets. */
    static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }
}
