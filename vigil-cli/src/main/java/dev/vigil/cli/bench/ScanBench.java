package dev.vigil.cli.bench;

import dev.vigil.demo.DemoApi;
import dev.vigil.demo.DemoConfig;
import dev.vigil.demo.DemoCredentials;
import dev.vigil.demo.DemoMode;
import dev.vigil.scan.ScanRequest;
import dev.vigil.scan.ScanResult;
import dev.vigil.scan.ScanRunner;
import dev.vigil.scan.Severity;
import dev.vigil.scan.engine.ScanProgress;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scanner throughput at several concurrency levels, unpaced, requests on virtual threads. Target
 * {@code demo}: the whole catalog, writes allowed, against the demo API on loopback (vulnerable
 * mode, so no rate limiter slows it). Target {@code trivial}: the whole catalog, read-only, against
 * {@link TrivialTarget}, which answers at once, so the numbers are the scanner's own ceiling.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Requests per second of a full scan of the demo API or of a trivial target on loopback.")
final class ScanBench implements Callable<Integer> {
    @Option(
            names = "--concurrency",
            split = ",",
            defaultValue = "1,4,16,64",
            description = "In-flight levels (default: ${DEFAULT-VALUE}).")
    List<Integer> levels;

    @Option(
            names = "--target",
            defaultValue = "demo",
            description =
                    "demo (the demo API) or trivial (an instant answer to everything) (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(
            names = "--operations",
            defaultValue = "200",
            description = "Operations in the trivial target's spec (default: ${DEFAULT-VALUE}).")
    int operations;

    @Option(
            names = "--runs",
            defaultValue = "1",
            description =
                    "Timed runs per level; the best is printed with the others in brackets (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", defaultValue = "bench-out")
    Path dir;

    @Override
    public Integer call() throws Exception {
        return switch (target) {
            case "demo" -> demo();
            case "trivial" -> trivial();
            default -> {
                System.err.println("--target: unknown value '" + target + "' (demo, trivial)");
                yield 2;
            }
        };
    }

    private int trivial() throws Exception {
        if (operations < 1 || runs < 1) {
            System.err.println("--operations and --runs must be positive");
            return 2;
        }
        Path work = Files.createDirectories(dir.resolve("scan-bench-trivial"));
        Path spec = work.resolve("openapi.yaml");
        Files.writeString(spec, TrivialTarget.spec(operations));
        Path identities = work.resolve("identities.yaml");
        Files.writeString(identities, """
                identities:
                  - {name: alice, auth: {type: bearer, token: "${env:BENCH_ALICE}"}}
                  - {name: bob, auth: {type: bearer, token: "${env:BENCH_BOB}"}}
                """);
        Map<String, String> env = Map.of("BENCH_ALICE", "bench-token-alice", "BENCH_BOB", "bench-token-bob");
        System.out.printf("trivial target, %d operations, read-only, %d run(s) per level%n", operations, runs);
        System.out.printf(
                "%-12s %10s %10s %12s %12s %10s %10s  %s%n",
                "in flight",
                "requests",
                "seconds",
                "requests/s",
                "cpu ms/req",
                "learning s",
                "tests s",
                "all runs (requests/s)");
        try (TrivialTarget api = new TrivialTarget()) {
            // one untimed scan warms up the JIT, the HTTP client and the target
            ScanRunner.create(env).run(trivialRequest(api, spec, identities, 16));
            for (int level : levels) {
                List<Double> rates = new java.util.ArrayList<>();
                int requests = 0;
                double best = Double.MAX_VALUE;
                double cpuPerRequest = Double.MAX_VALUE;
                PhaseTimes phases = null;
                for (int run = 0; run < runs; run++) {
                    long cpu = cpuNanos();
                    long start = System.nanoTime();
                    PhaseTimes times = new PhaseTimes();
                    ScanResult result = ScanRunner.create(env).run(trivialRequest(api, spec, identities, level), times);
                    long end = System.nanoTime();
                    double seconds = (end - start) / 1e9;
                    requests = result.report().engine().requests();
                    rates.add(requests / seconds);
                    if (seconds < best) {
                        best = seconds;
                        phases = times.end(end);
                    }
                    cpuPerRequest = Math.min(cpuPerRequest, (cpuNanos() - cpu) / 1e6 / requests);
                }
                System.out.printf(
                        "%-12d %10d %10.2f %12.0f %12.3f %10.2f %10.2f  %s%n",
                        level,
                        requests,
                        best,
                        requests / best,
                        cpuPerRequest,
                        phases.seconds(ScanProgress.Phase.LEARNING),
                        phases.seconds(ScanProgress.Phase.READS),
                        rates.stream().map(r -> String.format("%.0f", r)).toList());
            }
        }
        return 0;
    }

    /** When each phase of one scan began (from the progress events), to split its wall time. */
    private static final class PhaseTimes implements ScanProgress {
        private final java.util.Map<Phase, Long> began = new java.util.concurrent.ConcurrentHashMap<>();
        private long end;

        @Override
        public void phase(Phase phase) {
            began.put(phase, System.nanoTime());
        }

        PhaseTimes end(long nanos) {
            end = nanos;
            return this;
        }

        /** Seconds from the phase's start to the next phase's start (or the end of the scan). */
        double seconds(Phase phase) {
            Long from = began.get(phase);
            if (from == null) {
                return 0;
            }
            long to = began.values().stream()
                    .filter(t -> t > from)
                    .min(Long::compare)
                    .orElse(end);
            return (to - from) / 1e9;
        }
    }

    /**
     * CPU time of this process (scanner and target together): on a shared machine it says more
     * about the scanner's cost per request than the wall time, which other processes stretch.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static ScanRequest demoRequest(DemoApi api, Path spec, Path identities, int level) {
        return ScanRequest.builder()
                .baseUrl(URI.create(api.baseUrl()))
                .spec(spec)
                .identities(identities)
                .allowDestructive(true)
                .maxRequests(100_000)
                .requestsPerSecond(0)
                .concurrency(level)
                .failOn(Severity.CRITICAL)
                .build();
    }

    private static ScanRequest trivialRequest(TrivialTarget api, Path spec, Path identities, int level) {
        return ScanRequest.builder()
                .baseUrl(URI.create(api.baseUrl()))
                .spec(spec)
                .identities(identities)
                .maxRequests(1_000_000)
                .requestsPerSecond(0)
                .concurrency(level)
                .failOn(Severity.CRITICAL)
                .build();
    }

    private int demo() throws Exception {
        Path work = Files.createDirectories(dir.resolve("scan-bench"));
        Path spec = copy("openapi.yaml", work);
        Path identities = copy("scan-identities.yaml", work);
        Map<String, String> env = Map.of(
                "VIGIL_DEMO_PASSWORD",
                DemoCredentials.PASSWORD,
                "VIGIL_DEMO_PARTNER_KEY",
                DemoCredentials.PARTNER_API_KEY,
                "VIGIL_DEMO_PARTNER_SECRET",
                DemoCredentials.PARTNER_CLIENT_SECRET);
        System.out.printf(
                "%-12s %10s %10s %12s %10s %10s %10s %10s%n",
                "in flight", "requests", "seconds", "requests/s", "setup s", "learning s", "reads s", "writes s");
        // one untimed scan warms up the JIT (spec parsing, logins, the client) so level 1 is not charged for it
        try (DemoApi api = DemoApi.start(DemoConfig.defaults().withMode(DemoMode.VULNERABLE))) {
            ScanRunner.create(env).run(demoRequest(api, spec, identities, 16));
        }
        for (int level : levels) {
            try (DemoApi api = DemoApi.start(DemoConfig.defaults().withMode(DemoMode.VULNERABLE))) {
                ScanRequest request = demoRequest(api, spec, identities, level);
                long start = System.nanoTime();
                PhaseTimes phases = new PhaseTimes();
                ScanResult result = ScanRunner.create(env).run(request, phases);
                long end = System.nanoTime();
                phases.end(end);
                double seconds = (end - start) / 1e9;
                int requests = result.report().engine().requests();
                System.out.printf(
                        "%-12d %10d %10.2f %12.0f %10.2f %10.2f %10.2f %10.2f%n",
                        level,
                        requests,
                        seconds,
                        requests / seconds,
                        seconds
                                - phases.seconds(ScanProgress.Phase.LEARNING)
                                - phases.seconds(ScanProgress.Phase.READS)
                                - phases.seconds(ScanProgress.Phase.WRITES)
                                - phases.seconds(ScanProgress.Phase.CLEANUP),
                        phases.seconds(ScanProgress.Phase.LEARNING),
                        phases.seconds(ScanProgress.Phase.READS),
                        phases.seconds(ScanProgress.Phase.WRITES));
            }
        }
        return 0;
    }

    private static Path copy(String resource, Path dir) throws Exception {
        try (InputStream in = DemoApi.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("demo resource missing: " + resource);
            }
            Path file = dir.resolve(resource);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
