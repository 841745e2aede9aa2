package dev.vigil.server;

import java.util.Objects;

/**
 * How the Vigil server listens. {@code ingestToken} is the bearer token traffic senders must present;
 * it is compared in constant time and never logged.
 */
public record ServerConfig(String bindAddress, int port, String ingestToken, int maxBodyChars, long maxRequestBytes) {
    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(ingestToken, "ingestToken");
        if (ingestToken.length() < 16) {
            throw new IllegalArgumentException("the ingest token must be at least 16 characters");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
    }
}
