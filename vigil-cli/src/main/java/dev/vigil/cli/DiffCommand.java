package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointJson;
import dev.vigil.openapi.DiffReport;
import dev.vigil.store.Database;
import dev.vigil.store.InventoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil diff}: the learned inventory against documented specs. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the learned inventory (the stored one, or an inventory.json) with documented specs:",
            "shadow, zombie, drift, never-seen and third-party endpoints. Exit 1 with --fail-on when a",
            "finding reaches that severity."
        })
final class DiffCommand implements Callable<Integer> {
    @Option(
            names = "--spec",
            required = true,
            paramLabel = "FILE",
            description = "Documented OpenAPI/Swagger spec(s), oldest version first.")
    List<Path> specs;

    @Option(
            names = "--inventory",
            paramLabel = "FILE",
            description = "An inventory.json written by 'vigil discover'; default: the stored inventory.")
    Path inventory;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            defaultValue = "vigil-out",
            description = "Where diff.txt and diff.json go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "medium",
            description =
                    "Exit 1 when a finding is at or above: info, low, medium, high, none (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Severity.check(spec, failOn);
        if (!format.equals("text") && !format.equals("json")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format must be text or json, not '" + format + "'");
        }
        List<Endpoint> endpoints = inventory != null ? readInventory(inventory) : storedInventory();
        DiffReport report = SpecFiles.diff(endpoints, SpecFiles.read(specs), out);
        System.out.print(format.equals("json") ? report.toJson() : report.toText());
        return report.exitCode(failOn);
    }

    private List<Endpoint> readInventory(Path file) throws Exception {
        if (!Files.isReadable(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read inventory file: " + file);
        }
        List<Endpoint> out = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(file.toFile())) {
            out.add(EndpointJson.decode(node));
        }
        return out;
    }

    private List<Endpoint> storedInventory() {
        try (Database db = Database.open(storeOptions.config())) {
            return new InventoryStore(db.jdbi(), Clock.systemUTC()).endpoints();
        }
    }
}
