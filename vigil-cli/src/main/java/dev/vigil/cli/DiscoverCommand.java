package dev.vigil.cli;

import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.ParallelIngest;
import dev.vigil.openapi.ApiSpec;
import dev.vigil.openapi.DiffReport;
import dev.vigil.store.Database;
import dev.vigil.traffic.ReadSummary;
import dev.vigil.traffic.TrafficReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil discover}: traffic files in; inventory, OpenAPI and a report out. */
@Command(
        name = "discover",
        mixinStandardHelpOptions = true,
        description = {
            "Learns the API inventory from captured traffic (HAR 1.2 or JSON Lines, optionally .gz),",
            "writes OpenAPI 3.1 per host and inventory.json, and stores the inventory so the next run",
            "continues from it. With --spec, also reports shadow, zombie and drifting endpoints."
        })
final class DiscoverCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "TRAFFIC", description = "HAR or JSONL files (.gz accepted).")
    List<Path> inputs;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            defaultValue = "vigil-out",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--spec",
            paramLabel = "FILE",
            description =
                    "Documented OpenAPI/Swagger spec(s), oldest version first; seeds templates and enables the diff.")
    List<Path> specs = List.of();

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "none",
            description =
                    "Exit 1 when a diff finding is at or above: info, low, medium, high, none (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "0",
            description = "Analysis threads beside the reader (default: one per spare core).")
    int threads;

    @Option(names = "--no-store", description = "Do not use the database: a one-off run, nothing remembered.")
    boolean noStore;

    @Option(names = "--report-heap", hidden = true, description = "Print the peak heap used (benchmarks).")
    boolean reportHeap;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Path input : inputs) {
            if (!Files.isReadable(input)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read traffic file: " + input);
            }
        }
        Severity.check(spec, failOn);
        List<ApiSpec> documented = SpecFiles.read(specs);
        var engine = engineOptions.build();
        SpecFiles.seed(engineOptions.templater, documented);
        int workers = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        try (Database db = noStore ? null : Database.open(storeOptions.config())) {
            DiscoverySession session = new DiscoverySession(engine, Optional.ofNullable(db));
            long accepted = 0;
            try (ParallelIngest ingest = new ParallelIngest(engine, workers, session::quarantine);
                    Progress progress = new Progress("discover", ingest::accepted, session::quarantined, System.err)) {
                for (Path input : inputs) {
                    long run = session.store()
                            .map(s -> s.startRun(input.toString()))
                            .orElse(-1L);
                    long before = session.quarantined();
                    ReadSummary read = TrafficReaders.readFile(input, ingest, engineOptions.maxBody);
                    accepted += read.accepted();
                    if (run >= 0) {
                        session.store().get().finishRun(run, read.accepted(), session.quarantined() - before);
                    }
                    System.err.printf(
                            "%s: %,d exchanges read, %,d quarantined%n", input, read.accepted(), read.quarantined());
                }
            }
            List<Endpoint> endpoints = session.finish();
            List<Path> files = DiscoveryOutputs.write(out, endpoints, engineOptions.risk());
            DiscoveryOutputs.summarize(endpoints, engineOptions.risk(), System.out);
            System.out.printf(
                    "Read %,d exchanges (%,d quarantined%s).%n",
                    accepted, session.quarantined(), db == null ? "" : ", kept in the database");
            System.out.printf("OpenAPI: %s%nInventory: %s%n", files, out.resolve("inventory.json"));
            if (reportHeap) {
                System.out.printf("peak heap used: %.1f MiB (sum of heap pool peaks)%n", HeapReport.peakHeapMiB());
            }
            if (documented.isEmpty()) {
                return 0;
            }
            DiffReport report = SpecFiles.diff(endpoints, documented, out);
            System.out.print(report.toText());
            return report.exitCode(failOn);
        }
    }
}
