package dev.vigil.cli.bench;

import dev.vigil.demo.DemoApi;
import dev.vigil.demo.DemoConfig;
import dev.vigil.demo.DemoCredentials;
import dev.vigil.demo.DemoMode;
import dev.vigil.scan.ScanRequest;
import dev.vigil.scan.ScanResult;
import dev.vigil.scan.ScanRunner;
import dev.vigil.scan.Severity;
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
 * Scanner throughput: the whole catalog against the demo API on loopback (vulnerable mode, so no
 * rate limiter slows it), unpaced, at several concurrency levels. Requests run on virtual threads.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Requests per second of a full scan of the demo API on loopback.")
final class ScanBench implements Callable<Integer> {
    @Option(
            names = "--concurrency",
            split = ",",
            defaultValue = "1,4,16",
            description = "In-flight levels (default: ${DEFAULT-VALUE}).")
    List<Integer> levels;

    @Option(names = "--dir", defaultValue = "bench-out")
    Path dir;

    @Override
    public Integer call() throws Exception {
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
        System.out.printf("%-12s %10s %10s %12s%n", "in flight", "requests", "seconds", "requests/s");
        for (int level : levels) {
            try (DemoApi api = DemoApi.start(DemoConfig.defaults().withMode(DemoMode.VULNERABLE))) {
                ScanRequest request = ScanRequest.builder()
                        .baseUrl(URI.create(api.baseUrl()))
                        .spec(spec)
                        .identities(identities)
                        .allowDestructive(true)
                        .maxRequests(100_000)
                        .requestsPerSecond(0)
                        .concurrency(level)
                        .failOn(Severity.CRITICAL)
                        .build();
                long start = System.nanoTime();
                ScanResult result = ScanRunner.create(env).run(request);
                double seconds = (System.nanoTime() - start) / 1e9;
                int requests = result.report().engine().requests();
                System.out.printf("%-12d %10d %10.2f %12.0f%n", level, requests, seconds, requests / seconds);
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
