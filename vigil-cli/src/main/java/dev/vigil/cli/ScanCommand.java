package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointJson;
import dev.vigil.scan.Finding;
import dev.vigil.scan.ScanRequest;
import dev.vigil.scan.ScanResult;
import dev.vigil.scan.ScanRunner;
import dev.vigil.scan.Severity;
import dev.vigil.scan.report.ReportedFinding;
import dev.vigil.store.Database;
import dev.vigil.store.FindingStore;
import dev.vigil.store.InventoryStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil scan}: proves with real identities whether each endpoint's authorization holds. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Actively tests an API with real identities: BOLA, function- and property-level authorization,",
            "broken authentication, injection, SSRF (callback proof), misconfiguration, missing rate limits.",
            "Operations come from --spec, --inventory or the stored inventory. Read-only unless",
            "--allow-destructive. Writes JSON, SARIF, JUnit XML and HTML; exit 1 on findings at or above --fail-on."
        })
final class ScanCommand implements Callable<Integer> {
    @Option(
            names = "--target",
            paramLabel = "URL",
            description = "Base URL of the API under test (its host is in scope).")
    URI target;

    @Option(names = "--spec", paramLabel = "FILE", description = "OpenAPI 2.0/3.x spec of the target.")
    Path specFile;

    @Option(
            names = "--inventory",
            paramLabel = "FILE",
            description =
                    "An inventory.json from 'vigil discover'. Without it and --spec, the stored inventory is used.")
    Path inventoryFile;

    @Option(names = "--identities", paramLabel = "FILE", description = "Identities YAML (docs/scan.md).")
    Path identities;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Extra test catalog YAML file(s).")
    List<Path> catalogs = List.of();

    @Option(names = "--test", paramLabel = "ID", description = "Run only these catalog tests.")
    List<String> tests = List.of();

    @Option(names = "--scope-host", paramLabel = "HOST", description = "Extra hosts in scope (an identity provider).")
    List<String> extraHosts = List.of();

    @Option(names = "--allow-destructive", description = "Allow PUT/PATCH/DELETE and state-changing POSTs.")
    boolean allowDestructive;

    @Option(
            names = "--max-requests",
            paramLabel = "N",
            defaultValue = "5000",
            description = "Request budget (default: ${DEFAULT-VALUE}).")
    int maxRequests;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            defaultValue = "20",
            description = "Request rate limit (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--dry-run", description = "Print the plan and send nothing.")
    boolean dryRun;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Findings in this baseline do not fail the build.")
    Path baseline;

    @Option(names = "--suppressions", paramLabel = "FILE", description = "Suppressions with a reason (YAML).")
    Path suppressions;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "high",
            description =
                    "Exit 1 when a new finding is at or above: info, low, medium, high, critical (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(
            names = "--callback",
            paramLabel = "URL",
            description = "Base URL of the SSRF callback listener (default: one on 127.0.0.1).")
    URI callback;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            defaultValue = "vigil-out",
            description = "Report directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-store", description = "Do not store findings in the database.")
    boolean noStore;

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            defaultValue = "auto",
            description = "Progress on stderr: auto (a bar on a terminal, lines in logs), bar, lines, none"
                    + " (default: ${DEFAULT-VALUE}).")
    String progress;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Severity threshold;
        try {
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage());
        }
        ScanConsole.Mode progressMode;
        try {
            progressMode = ScanConsole.Mode.parse(progress, ScanConsole.terminal());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--progress: " + e.getMessage());
        }
        for (Path file : existingFiles()) {
            if (!Files.isReadable(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file);
            }
        }
        if (maxRequests < 1 || rate <= 0 || concurrency < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--max-requests, --rate and --concurrency must be positive");
        }
        List<Endpoint> inventory = inventory();
        if (target == null && specFile == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--target is required unless --spec names a server");
        }
        ScanRequest request = ScanRequest.builder()
                .baseUrl(target)
                .spec(specFile)
                .inventory(inventory)
                .identities(identities)
                .catalogFiles(catalogs)
                .onlyTests(tests)
                .extraHosts(Set.copyOf(extraHosts))
                .allowDestructive(allowDestructive)
                .maxRequests(maxRequests)
                .requestsPerSecond(rate)
                .concurrency(concurrency)
                .dryRun(dryRun)
                .baseline(baseline)
                .suppressions(suppressions)
                .failOn(threshold)
                .callbackBase(callback)
                .build();
        System.err.println("scan: testing " + (target == null ? specFile : target) + " ("
                + (dryRun ? "dry run" : "up to " + maxRequests + " requests at " + rate + "/s") + ")");
        ScanProgressState state = new ScanProgressState();
        ScanResult result;
        try (ScanConsole console = new ScanConsole(
                        dryRun ? ScanConsole.Mode.NONE : progressMode,
                        state,
                        System.err,
                        System::nanoTime,
                        ScanConsole.columns(System.getenv()))
                .start()) {
            result = ScanRunner.create(System.getenv()).run(request, state);
        }
        if (dryRun) {
            result.planLines().forEach(System.out::println);
            return 0;
        }
        writeReports(result, out);
        summarize(result);
        if (!noStore) {
            try (Database db = Database.open(storeOptions.config())) {
                store(result, db);
            }
        }
        System.out.printf("Reports: %s (json, sarif, junit.xml, html)%n", out.resolve("scan.*"));
        if (!result.harFiles().isEmpty()) {
            System.out.printf(
                    "Evidence: %d HAR file(s) in %s%n",
                    result.harFiles().size(), out.resolve(dev.vigil.scan.report.HarExport.DIRECTORY));
        }
        return result.exitCode();
    }

    private List<Path> existingFiles() {
        List<Path> files = new ArrayList<>(catalogs);
        for (Path p : new Path[] {specFile, inventoryFile, identities, baseline, suppressions}) {
            if (p != null) {
                files.add(p);
            }
        }
        return files;
    }

    private List<Endpoint> inventory() throws Exception {
        if (inventoryFile != null) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (JsonNode node : new ObjectMapper().readTree(inventoryFile.toFile())) {
                endpoints.add(EndpointJson.decode(node));
            }
            return endpoints;
        }
        if (specFile != null) {
            return List.of();
        }
        try (Database db = Database.open(storeOptions.config())) {
            return new InventoryStore(db.jdbi(), Clock.systemUTC()).endpoints();
        }
    }

    /**
     * Writes scan.json, scan.sarif, scan.junit.xml and scan.html under {@code out}, and each finding's
     * HAR evidence under {@code out/har/} (HAR files of an earlier scan there are removed first).
     */
    static void writeReports(ScanResult result, Path out) throws java.io.IOException {
        Files.createDirectories(out);
        Path har = out.resolve(dev.vigil.scan.report.HarExport.DIRECTORY);
        if (Files.isDirectory(har)) {
            try (var old = Files.newDirectoryStream(har, "*.har")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> f : result.harFiles().entrySet()) {
            Path file = out.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
        Map<String, ScanResult.Format> files = new LinkedHashMap<>();
        files.put("scan.json", ScanResult.Format.JSON);
        files.put("scan.sarif", ScanResult.Format.SARIF);
        files.put("scan.junit.xml", ScanResult.Format.JUNIT);
        files.put("scan.html", ScanResult.Format.HTML);
        for (Map.Entry<String, ScanResult.Format> f : files.entrySet()) {
            Files.writeString(out.resolve(f.getKey()), result.render(f.getValue()), StandardCharsets.UTF_8);
        }
    }

    static void summarize(ScanResult result) {
        List<ReportedFinding> findings = result.findings();
        System.out.printf("Findings: %d%n", findings.size());
        for (ReportedFinding r : findings) {
            Finding f = r.finding();
            System.out.printf(
                    "  %-8s %-10s %-9s %-30s %s %s%s%n",
                    f.severity().label(),
                    f.owasp(),
                    r.status().name().toLowerCase(java.util.Locale.ROOT),
                    f.testId(),
                    f.operation(),
                    f.host(),
                    f.identity().isEmpty() ? "" : " as " + f.identity());
        }
    }

    static void store(ScanResult result, Database db) {
        List<FindingStore.StoredFinding> stored = new ArrayList<>();
        for (ReportedFinding r : result.findings()) {
            Finding f = r.finding();
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("title", f.title())
                    .put("detail", f.detail())
                    .put("remediation", f.remediation())
                    .put("identity", f.identity())
                    .put("location", f.location())
                    .put("confidence", f.confidence())
                    .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            stored.add(new FindingStore.StoredFinding(
                    r.fingerprint(),
                    f.testId(),
                    f.severity().label(),
                    f.owasp(),
                    String.join(",", f.cwe()),
                    f.method(),
                    f.host(),
                    f.pathTemplate(),
                    f.title(),
                    null,
                    doc));
        }
        int created = new FindingStore(db.jdbi(), Clock.systemUTC()).upsert(stored);
        System.out.printf("Stored %d findings (%d new) in the database.%n", stored.size(), created);
    }
}
