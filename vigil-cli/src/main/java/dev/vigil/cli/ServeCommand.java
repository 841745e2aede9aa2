package dev.vigil.cli;

import dev.vigil.discovery.ParallelIngest;
import dev.vigil.server.ServerConfig;
import dev.vigil.server.VigilServer;
import dev.vigil.store.Database;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil serve}: the HTTP API, receiving traffic and keeping the stored inventory live. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves Vigil's HTTP API: POST /api/v1/traffic takes JSON Lines, HAR or exchange JSON",
            "(bearer token from $VIGIL_INGEST_TOKEN, or one generated and printed at start).",
            "The inventory is saved to the database every --flush-seconds and on shutdown."
        })
final class ServeCommand implements Callable<Integer> {
    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Listen address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8420",
            description = "Listen port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--flush-seconds",
            paramLabel = "N",
            defaultValue = "10",
            description = "How often the inventory is saved (default: ${DEFAULT-VALUE}).")
    int flushSeconds;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Override
    public Integer call() throws Exception {
        if (flushSeconds < 1) {
            throw new IllegalArgumentException("--flush-seconds must be at least 1, not " + flushSeconds);
        }
        String token = Optional.ofNullable(System.getenv("VIGIL_INGEST_TOKEN"))
                .filter(t -> !t.isBlank())
                .orElseGet(() -> {
                    byte[] random = new byte[24];
                    new SecureRandom().nextBytes(random);
                    String generated = HexFormat.of().formatHex(random);
                    System.err.println("serve: no VIGIL_INGEST_TOKEN set; this run's ingest token is " + generated);
                    return generated;
                });
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (Database db = Database.open(storeOptions.config())) {
            DiscoverySession session = new DiscoverySession(engineOptions.build(), Optional.of(db));
            ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();
            try (ParallelIngest ingest = new ParallelIngest(session.engine(), 1, session::quarantine);
                    VigilServer server = VigilServer.start(
                            new ServerConfig(bind, port, token, engineOptions.maxBody, 256L * 1024 * 1024), ingest)) {
                flusher.scheduleWithFixedDelay(
                        () -> Errors.reportAndContinue("serve", "saving the inventory", session::finish),
                        flushSeconds,
                        flushSeconds,
                        TimeUnit.SECONDS);
                System.err.printf("serve: listening on http://%s:%d (POST /api/v1/traffic)%n", bind, server.port());
                stop.await();
            } finally {
                flusher.shutdownNow();
                session.finish();
            }
        }
        return 0;
    }
}
