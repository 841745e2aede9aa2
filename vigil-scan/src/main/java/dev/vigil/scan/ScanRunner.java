package dev.vigil.scan;

import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogException;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.engine.EngineResult;
import dev.vigil.scan.engine.Pacer;
import dev.vigil.scan.engine.ScanEngine;
import dev.vigil.scan.engine.ScanPolicy;
import dev.vigil.scan.http.Transport;
import dev.vigil.scan.identity.Identities;
import dev.vigil.scan.identity.IdentitiesException;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.report.Baseline;
import dev.vigil.scan.report.FindingStatus;
import dev.vigil.scan.report.Report;
import dev.vigil.scan.report.ReportedFinding;
import dev.vigil.scan.report.Suppressions;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetException;
import dev.vigil.scan.surface.TargetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scanner's entry point for the CLI: validates every input up front (all problems at once in
 * a {@link ScanInputException}), runs the engine, applies baseline and suppressions, and computes
 * the exit code from {@code failOn}. Transport, clock, sleeper and environment are injected.
 */
public final class ScanRunner {
    private final Transport transport;
    private final Clock clock;
    private final Pacer.Sleeper sleeper;
    private final Map<String, String> env;

    public ScanRunner(Transport transport, Clock clock, Pacer.Sleeper sleeper, Map<String, String> env) {
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
        this.env = Map.copyOf(env);
    }

    /** A runner over the JDK HTTP client (10 s per request), the system clock and real pacing. */
    public static ScanRunner create(Map<String, String> env) {
        Clock clock = Clock.systemUTC();
        return new ScanRunner(
                new dev.vigil.scan.http.JdkTransport(
                        dev.vigil.scan.http.JdkTransport.defaultClient(Duration.ofSeconds(5)),
                        clock,
                        Duration.ofSeconds(10)),
                clock,
                Pacer.threadSleeper(),
                env);
    }

    public ScanResult run(ScanRequest request) throws InterruptedException {
        return run(request, dev.vigil.scan.engine.ScanProgress.NONE);
    }

    /** Runs the scan, reporting progress to {@code progress} (called from the engine's threads). */
    public ScanResult run(ScanRequest request, dev.vigil.scan.engine.ScanProgress progress)
            throws InterruptedException {
        java.time.Instant started = clock.instant();
        List<String> problems = new ArrayList<>();
        Throwable first = null;
        Identities identities = null;
        try {
            identities = request.identitiesFile().isPresent()
                    ? new IdentitiesLoader(env).load(request.identitiesFile().get())
                    : new Identities(List.of(), Map.of(), List.of());
        } catch (IdentitiesException e) {
            problems.addAll(e.problems().stream().map(p -> "identities: " + p).toList());
            first = e;
        }
        Catalog catalog = null;
        try {
            catalog = new CatalogLoader().load(request.catalogFiles());
            if (!request.onlyTests().isEmpty()) {
                Set<String> unknown = new HashSet<>(request.onlyTests());
                catalog.tests().forEach(t -> unknown.remove(t.id()));
                unknown.stream().sorted().forEach(u -> problems.add("tests: unknown test id '" + u + "'"));
                catalog = catalog.only(request.onlyTests());
            }
        } catch (CatalogException e) {
            problems.addAll(e.problems().stream().map(p -> "catalog: " + p).toList());
            first = first == null ? e : first;
        }
        Target target = null;
        try {
            TargetLoader loader = new TargetLoader(request.samples());
            Optional<Path> specFile = request.openApiSpec();
            if (specFile.isPresent() && !Files.isReadable(specFile.get())) {
                throw new TargetException("openapi", List.of("cannot read spec " + specFile.get()));
            }
            target = loader.buildFrom(
                    request.baseUrl(), request.inventory(), specFile.map(file -> loader.fromOpenApi(file)));
        } catch (TargetException e) {
            problems.addAll(e.problems().stream().map(p -> "target: " + p).toList());
            first = first == null ? e : first;
        }
        Baseline baseline = Baseline.empty();
        Suppressions suppressions = Suppressions.none();
        try {
            if (request.baselineFile().isPresent()
                    && Files.exists(request.baselineFile().get())) {
                baseline = Baseline.read(request.baselineFile().get());
            }
            if (request.suppressionsFile().isPresent()) {
                suppressions = Suppressions.read(request.suppressionsFile().get());
            }
        } catch (ScanException e) {
            problems.add(e.getMessage());
            first = first == null ? e : first;
        }
        if (!problems.isEmpty()) {
            throw new ScanInputException(problems, first);
        }
        Set<String> hosts = new HashSet<>(request.extraHosts());
        hosts.add(target.host().toLowerCase(java.util.Locale.ROOT));
        ScanPolicy policy = new ScanPolicy(
                hosts,
                request.allowDestructive(),
                request.maxRequests(),
                request.requestsPerSecond(),
                request.concurrency(),
                request.dryRun(),
                Duration.ofSeconds(3));
        EngineResult engine = new ScanEngine(transport, clock, sleeper, progress)
                .run(target, identities, catalog, policy, request.callbackBase());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<ReportedFinding> reported = new ArrayList<>();
        for (Finding f : engine.findings()) {
            String fp = f.fingerprint();
            Optional<Suppressions.Rule> rule = suppressions.match(f, fp, today);
            FindingStatus status = rule.isPresent()
                    ? FindingStatus.SUPPRESSED
                    : baseline.contains(fp) ? FindingStatus.BASELINE : FindingStatus.NEW;
            reported.add(new ReportedFinding(
                    f,
                    fp,
                    status,
                    rule.map(Suppressions.Rule::reason).orElse(""),
                    f.evidence().stream().map(engine.redactor()::evidence).toList()));
        }
        Report report = new Report(
                target.baseUrl().toString(),
                reported,
                engine,
                catalog,
                request.openApiSpec().map(p -> p.toString().replace('\\', '/')).orElse(""),
                request.failOn());
        return new ScanResult(report, report.failing().isEmpty() ? 0 : 1, started);
    }
}
