package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.store.AlertStore;
import dev.vigil.store.Database;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil alerts}: the guard's stored decisions, newest first. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = "Lists the runtime guard's stored alerts, newest first.")
final class AlertsCommand implements Callable<Integer> {
    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 100_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1..100000, not " + limit);
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format must be text or json, not '" + format + "'");
        }
        List<AlertStore.StoredAlert> alerts;
        try (Database db = Database.open(storeOptions.config())) {
            alerts = new AlertStore(db.jdbi()).recent(limit);
        }
        if (format.equals("json")) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            alerts.forEach(a -> out.add(a.doc()));
            System.out.println(
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
        if (alerts.isEmpty()) {
            System.out.println("No alerts.");
        }
        for (AlertStore.StoredAlert a : alerts) {
            System.out.printf(
                    "%s  %-8s %-7s %-22s %-20s %s  %s%n",
                    a.at(),
                    a.severity(),
                    a.action(),
                    a.detector(),
                    a.source(),
                    a.route(),
                    a.doc().path("evidence").asText(""));
        }
        return 0;
    }
}
