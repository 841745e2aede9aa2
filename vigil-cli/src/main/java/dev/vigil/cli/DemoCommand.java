package dev.vigil.cli;

import dev.vigil.demo.DemoApi;
import dev.vigil.demo.DemoConfig;
import dev.vigil.demo.DemoCredentials;
import dev.vigil.demo.DemoMode;
import dev.vigil.demo.TrafficGenerator;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.ParallelIngest;
import dev.vigil.openapi.ApiSpec;
import dev.vigil.openapi.DiffReport;
import dev.vigil.scan.ScanRequest;
import dev.vigil.scan.ScanResult;
import dev.vigil.scan.ScanRunner;
import dev.vigil.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil demo}: Vigil's main job end to end on embedded defaults. Starts the embedded
 * PostgreSQL and the bundled demo API on loopback, drives it as several users, discovers the
 * inventory from that traffic, stores it, writes OpenAPI, and diffs it against the demo's own spec.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Vigil end to end against the bundled demo API on 127.0.0.1: traffic, discovery,",
            "storage (embedded PostgreSQL), OpenAPI export and the diff against the documented spec."
        })
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "30",
            description = "Rounds of user activity the traffic generator plays (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "7",
            description = "Traffic seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            defaultValue = "vigil-out",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "secure",
            description =
                    "secure, or vulnerable: the demo API with its documented planted flaws (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--no-scan", description = "Skip the active authorization scan of the demo API.")
    boolean noScan;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || iterations > 100_000) {
            throw new IllegalArgumentException("--iterations must be between 1 and 100000, not " + iterations);
        }
        DemoMode demoMode =
                switch (mode) {
                    case "secure" -> DemoMode.SECURE;
                    case "vulnerable" -> DemoMode.VULNERABLE;
                    default ->
                        throw new IllegalArgumentException("--mode must be secure or vulnerable, not '" + mode + "'");
                };
        System.err.println("demo: starting the embedded database under " + storeOptions.dataDir.toAbsolutePath());
        try (Database db = Database.open(storeOptions.config());
                DemoApi api = DemoApi.start(DemoConfig.defaults().withMode(demoMode))) {
            System.err.println("demo: demo API listening on " + api.baseUrl());
            List<ApiSpec> documented = SpecFiles.read(demoSpecs());
            if (engineOptions.ownedHosts.isEmpty()) {
                engineOptions.ownedHosts = List.of(URI.create(api.baseUrl()).getHost());
            }
            var engine = engineOptions.build();
            DiscoverySession session = new DiscoverySession(engine, Optional.of(db));
            long run = session.store().orElseThrow().startRun("demo-generator");
            long accepted;
            try (ParallelIngest ingest = new ParallelIngest(engine, 1, session::quarantine);
                    DemoApi.Capture outbound = api.captureOutbound(ingest)) {
                new TrafficGenerator(URI.create(api.baseUrl()), seed, Clock.systemUTC()).run(iterations, ingest);
                accepted = ingest.accepted();
            }
            session.store().orElseThrow().finishRun(run, accepted, session.quarantined());
            List<Endpoint> endpoints = session.finish();
            List<Path> files = DiscoveryOutputs.write(out, endpoints, engineOptions.risk());
            System.out.printf(
                    "Demo traffic: %,d exchanges captured from the demo API and its outbound calls.%n", accepted);
            DiscoveryOutputs.summarize(endpoints, engineOptions.risk(), System.out);
            System.out.printf(
                    "OpenAPI: %s%nInventory: %s (also stored in PostgreSQL under %s)%n",
                    files, out.resolve("inventory.json"), storeOptions.dataDir);
            DiffReport report = SpecFiles.diff(endpoints, documented, out);
            System.out.print(report.toText());
            System.out.printf("Diff report: %s%n", out.resolve("diff.txt"));
            if (!noScan) {
                scan(api, endpoints, db);
            }
            return 0;
        }
    }

    /**
     * Tests the demo API with its published identities: the inventory just learned from traffic
     * (shadow endpoints included) plus the documented spec drive the tests.
     */
    private void scan(DemoApi api, List<Endpoint> endpoints, Database db) throws Exception {
        Path identities = out.resolve("demo-spec").resolve("scan-identities.yaml");
        try (InputStream in = DemoApi.class.getResourceAsStream("scan-identities.yaml")) {
            if (in == null) {
                throw new IllegalStateException("demo identities missing from the build");
            }
            Files.copy(in, identities, StandardCopyOption.REPLACE_EXISTING);
        }
        String host = URI.create(api.baseUrl()).getAuthority();
        List<Endpoint> demoEndpoints =
                endpoints.stream().filter(e -> e.key().host().equals(host)).toList();
        ScanRequest request = ScanRequest.builder()
                .baseUrl(URI.create(api.baseUrl()))
                .spec(out.resolve("demo-spec").resolve("openapi.yaml"))
                .inventory(demoEndpoints)
                .identities(identities)
                .allowDestructive(true)
                .maxRequests(20_000)
                .requestsPerSecond(0)
                .build();
        System.err.println("demo: scanning " + api.baseUrl() + " in " + mode + " mode as 9 identities");
        ScanProgressState progress = new ScanProgressState();
        ScanResult result;
        try (ScanConsole console = new ScanConsole(
                        ScanConsole.Mode.parse("auto", ScanConsole.terminal()),
                        progress,
                        System.err,
                        System::nanoTime,
                        ScanConsole.columns(System.getenv()))
                .start()) {
            result = ScanRunner.create(Map.of(
                            "VIGIL_DEMO_PASSWORD", DemoCredentials.PASSWORD,
                            "VIGIL_DEMO_PARTNER_KEY", DemoCredentials.PARTNER_API_KEY,
                            "VIGIL_DEMO_PARTNER_SECRET", DemoCredentials.PARTNER_CLIENT_SECRET))
                    .run(request, progress);
        }
        ScanCommand.writeReports(result, out);
        ScanCommand.summarize(result);
        ScanCommand.store(result, db);
        System.out.printf("Scan reports: %s (json, sarif, junit.xml, html)%n", out.resolve("scan.*"));
    }

    /** The demo's documented specs (v1 then v2), copied out of the jar to {@code out/demo-spec/}. */
    private List<Path> demoSpecs() throws IOException {
        List<Path> files = new ArrayList<>();
        Path dir = out.resolve("demo-spec");
        Files.createDirectories(dir);
        for (String name : List.of("openapi-v1.yaml", "openapi.yaml")) {
            try (InputStream in = DemoApi.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("demo spec missing from the build: " + name);
                }
                Path file = dir.resolve(name);
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                files.add(file);
            }
        }
        return files;
    }
}
