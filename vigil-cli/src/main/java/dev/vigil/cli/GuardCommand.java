package dev.vigil.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointKey;
import dev.vigil.discovery.ParallelIngest;
import dev.vigil.guard.GuardConfig;
import dev.vigil.guard.GuardServer;
import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.alert.AlertOutbox;
import dev.vigil.guard.model.ModelConfig;
import dev.vigil.guard.model.ModelDetectors;
import dev.vigil.guard.model.ModelMode;
import dev.vigil.guard.policy.Policy;
import dev.vigil.guard.policy.PolicyFile;
import dev.vigil.store.AlertStore;
import dev.vigil.store.Database;
import dev.vigil.store.InventoryStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil guard}: the inline reverse proxy. Every exchange also feeds the discovery pipeline,
 * so the stored inventory stays live; every decision is stored as an alert.
 */
@Command(
        name = "guard",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the inline reverse proxy in front of one or more upstreams: captures traffic into the",
            "inventory, detects abuse and acts per policy (monitor, block, throttle). Alerts are stored",
            "(list them with 'vigil alerts') and sent to --webhook. See docs/guard.md."
        })
final class GuardCommand implements Callable<Integer> {
    @Option(
            names = "--listen",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Listen port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Listen address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--route",
            required = true,
            paramLabel = "NAME,HOST,PREFIX,UPSTREAM",
            description = "A route, e.g. api,*,/,http://127.0.0.1:9000 (HOST * = any). Repeatable.")
    List<String> routes;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Policy YAML, reloaded when it changes. Default: monitor everything.")
    Path policyFile;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST every alert to this URL.")
    URI webhook;

    @Option(
            names = "--tls-cert",
            paramLabel = "PEM",
            description = "Terminate TLS with this certificate chain (with --tls-key).")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key for --tls-cert.")
    Path tlsKey;

    @Option(
            names = "--model",
            paramLabel = "MODE",
            defaultValue = "enforce",
            description =
                    "The positive model from the stored inventory and --spec: enforce (detect violations, acted on per"
                            + " route mode), learn (record only) or off (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--spec", paramLabel = "FILE", description = "Documented spec(s) added to the positive model.")
    List<Path> specs = List.of();

    @Option(
            names = "--model-host",
            paramLabel = "HOST",
            description =
                    "Apply the stored inventory of this host (as discovered, e.g. api.example.com or 127.0.0.1:9000) to"
                            + " every request, whatever its Host header. Default: each endpoint applies to its own host.")
    String modelHost;

    @Option(
            names = "--event-loops",
            paramLabel = "N",
            defaultValue = "0",
            description = "Event-loop threads (0: Netty's default).")
    int eventLoops;

    @Option(
            names = "--capture-queue",
            paramLabel = "N",
            defaultValue = "4096",
            description = "Exchanges that may wait for analysis; past it analysis is shed and counted, traffic is"
                    + " never delayed. Raise it for bursts above what one analysis thread keeps up with"
                    + " (default: ${DEFAULT-VALUE}).")
    int captureQueue;

    @Option(
            names = "--transport",
            paramLabel = "auto|nio|epoll|io_uring",
            defaultValue = "auto",
            description = "Socket implementation: auto uses native io_uring, else native epoll, when available;"
                    + " nio forces the portable one; epoll and io_uring fail when unavailable"
                    + " (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(
            names = "--flush-seconds",
            paramLabel = "N",
            defaultValue = "10",
            description = "How often the inventory and alerts are saved (default: ${DEFAULT-VALUE}).")
    int flushSeconds;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty's default samples one buffer in 128 with a stack trace; the proxy's buffer
            // handling is covered by tests, so production skips that cost (set the property to opt in).
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        List<GuardConfig.Route> parsed = new ArrayList<>();
        for (String route : routes) {
            String[] parts = route.split(",", 4);
            if (parts.length != 4) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--route must be NAME,HOST,PREFIX,UPSTREAM, not '" + route + "'");
            }
            try {
                parsed.add(new GuardConfig.Route(parts[0], parts[1], parts[2], URI.create(parts[3])));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--route '" + route + "': " + e.getMessage());
            }
        }
        if (flushSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--flush-seconds must be at least 1");
        }
        if (captureQueue < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--capture-queue must be at least 1, not " + captureQueue);
        }
        if (!List.of("enforce", "learn", "off").contains(model)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--model must be enforce, learn or off, not '" + model + "'");
        }
        Policy policy = policyFile == null ? Policy.monitorAll() : PolicyFile.load(policyFile);
        GuardConfig defaults = GuardConfig.of(port, parsed);
        GuardConfig config = new GuardConfig(
                bind,
                port,
                parsed,
                defaults.timeouts(),
                new GuardConfig.Capture(defaults.capture().maxBodyBytes(), captureQueue),
                eventLoops,
                defaults.alertWebhook(),
                defaults.trustForwardedHeaders(),
                defaults.tls(),
                transportChoice());
        if (webhook != null) {
            config = config.withAlertWebhook(webhook);
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (tlsCertificate != null) {
            config = config.withTls(new GuardConfig.Tls(tlsCertificate, tlsKey));
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (Database db = Database.open(storeOptions.config())) {
            DiscoverySession session = new DiscoverySession(engineOptions.build(), Optional.of(db));
            AlertStore alerts = new AlertStore(db.jdbi());
            ModelDetectors detectors = null;
            if (!model.equals("off")) {
                List<Endpoint> inventory = new InventoryStore(db.jdbi(), Clock.systemUTC()).endpoints();
                if (modelHost != null) {
                    inventory = inventory.stream()
                            .filter(e -> e.key().host().equals(modelHost))
                            .map(GuardCommand::onAnyHost)
                            .toList();
                }
                detectors = ModelDetectors.of(
                        inventory,
                        SpecFiles.read(specs),
                        ModelConfig.DEFAULTS,
                        engineOptions.classifier,
                        Clock.systemUTC());
                detectors.spec().modeAll(model.equals("enforce") ? ModelMode.ENFORCE : ModelMode.LEARN);
                System.err.printf(
                        "guard: positive model from %d stored endpoints and %d spec(s), %s mode%n",
                        inventory.size(), specs.size(), model);
            }
            ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();
            try (ParallelIngest ingest = new ParallelIngest(session.engine(), 1, session::quarantine);
                    GuardServer guard = GuardServer.start(config, policy, ingest, Clock.systemUTC(), detectors)) {
                if (policyFile != null) {
                    guard.watchPolicy(policyFile, Duration.ofSeconds(2));
                }
                AlertOutbox drain = new AlertOutbox(
                        guard::alerts,
                        batch -> alerts.add(
                                batch.stream().map(GuardCommand::stored).toList()));
                // A failed save (database stopped) is reported and retried; traffic never waits for it.
                flusher.scheduleWithFixedDelay(
                        () -> Errors.reportAndContinue("guard", "saving alerts and inventory", () -> {
                            drain.run();
                            session.finish();
                        }),
                        flushSeconds,
                        flushSeconds,
                        TimeUnit.SECONDS);
                System.err.printf(
                        "guard: listening on http://%s:%d, %d route(s), policy %s, %s transport%n",
                        bind,
                        guard.port(),
                        parsed.size(),
                        policyFile == null ? "monitor-all" : policyFile,
                        guard.transport());
                if (!io.netty.util.internal.PlatformDependent.hasUnsafe()) {
                    // JDK 25+: Netty leaves sun.misc.Unsafe alone unless the JVM allows it, and its
                    // direct buffers then copy through NIO views (about 0.5 µs more CPU per request).
                    System.err.println("guard: Netty runs without sun.misc.Unsafe (slower buffers); the vigil launcher"
                            + " adds --sun-misc-unsafe-memory-access=allow on JDK 23 and later");
                }
                stop.await();
                flusher.shutdownNow();
                drain.run();
                System.err.printf(
                        "guard: %s, alerts stored %d, store failures %d, lost %d%n",
                        guard.metrics(), drain.stored(), drain.failures(), drain.lost());
            } finally {
                flusher.shutdownNow();
                session.finish();
            }
        }
        return 0;
    }

    private static Endpoint onAnyHost(Endpoint e) {
        return new Endpoint(
                new EndpointKey("*", e.key().method(), e.key().pathTemplate()),
                e.templateConfidence(),
                e.calls(),
                e.firstSeen(),
                e.lastSeen(),
                e.exposure(),
                e.authSchemes(),
                e.principals(),
                e.parameters(),
                e.requestBodies(),
                e.responses(),
                e.sensitiveFields());
    }

    static AlertStore.StoredAlert stored(Alert a) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("sequence", a.sequence())
                .put("at", a.at().toString())
                .put("route", a.route())
                .put("action", a.action())
                .put("type", a.type())
                .put("evidence", a.evidence())
                .put("source", a.source())
                .put("caller", a.caller())
                .put("method", a.method())
                .put("path", a.path());
        String severity = a.action().toLowerCase(Locale.ROOT).startsWith("block") ? "high" : "medium";
        return new AlertStore.StoredAlert(
                a.at(), a.route(), a.type(), a.action(), severity, a.caller(), a.source(), doc);
    }

    private GuardConfig.Transport transportChoice() {
        return switch (transport) {
            case "auto" -> GuardConfig.Transport.AUTO;
            case "nio" -> GuardConfig.Transport.NIO;
            case "epoll" -> GuardConfig.Transport.EPOLL;
            case "io_uring" -> GuardConfig.Transport.IO_URING;
            default ->
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--transport must be auto, nio, epoll or io_uring, not '" + transport + "'");
        };
    }
}
