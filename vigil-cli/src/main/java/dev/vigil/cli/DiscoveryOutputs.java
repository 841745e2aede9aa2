package dev.vigil.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.EndpointJson;
import dev.vigil.discovery.RiskModel;
import dev.vigil.discovery.SensitiveField;
import dev.vigil.openapi.OpenApiExporter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Writes what discovery learned: OpenAPI per host, the inventory as JSON, and a console summary. */
final class DiscoveryOutputs {
    private static final ObjectWriter PRETTY =
            new ObjectMapper().writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private DiscoveryOutputs() {}

    /** Writes {@code out/openapi/<host>.json} and {@code out/inventory.json}; returns the OpenAPI files. */
    static List<Path> write(Path out, List<Endpoint> endpoints, RiskModel risk) {
        List<Path> written = new ArrayList<>();
        try {
            Path openapi = out.resolve("openapi");
            Files.createDirectories(openapi);
            for (Map.Entry<String, ObjectNode> doc :
                    new OpenApiExporter(risk).exportByHost(endpoints).entrySet()) {
                Path file = openapi.resolve(fileName(doc.getKey()) + ".json");
                writeJson(file, doc.getValue());
                written.add(file);
            }
            ArrayNode inventory = JsonNodeFactory.instance.arrayNode();
            for (Endpoint e : endpoints) {
                ObjectNode node = EndpointJson.encode(e);
                RiskModel.Risk r = risk.assess(e);
                ObjectNode riskNode =
                        node.putObject("risk").put("score", r.score()).put("level", r.level());
                r.reasons().forEach(riskNode.putArray("reasons")::add);
                inventory.add(node);
            }
            writeJson(out.resolve("inventory.json"), inventory);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write discovery output under " + out, e);
        }
    }

    static void writeJson(Path file, JsonNode node) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, PRETTY.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
    }

    static String fileName(String host) {
        return host.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    /** A short human summary: endpoints per host and exposure, and the riskiest sensitive data. */
    static void summarize(List<Endpoint> endpoints, RiskModel risk, PrintStream out) {
        Map<String, Integer> hosts = new TreeMap<>();
        Map<String, Integer> exposures = new TreeMap<>();
        Map<String, Integer> dataTypes = new TreeMap<>();
        for (Endpoint e : endpoints) {
            hosts.merge(e.key().host(), 1, Integer::sum);
            exposures.merge(e.exposure().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            e.sensitiveFields().stream()
                    .map(SensitiveField::dataType)
                    .distinct()
                    .forEach(t -> dataTypes.merge(t, 1, Integer::sum));
        }
        out.printf("Inventory: %d endpoints on %d host(s)%n", endpoints.size(), hosts.size());
        hosts.forEach((h, n) -> out.printf("  %-40s %5d endpoints%n", h, n));
        out.printf("Exposure: %s%n", exposures);
        if (!dataTypes.isEmpty()) {
            out.println("Sensitive data (endpoints handling each type):");
            dataTypes.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(d -> out.printf("  %-28s %4d%n", d.getKey(), d.getValue()));
        }
        List<Map.Entry<Endpoint, RiskModel.Risk>> ranked = new ArrayList<>();
        endpoints.forEach(e -> ranked.add(Map.entry(e, risk.assess(e))));
        ranked.sort(Comparator.comparing(
                        (Map.Entry<Endpoint, RiskModel.Risk> r) -> -r.getValue().score())
                .thenComparing(r -> r.getKey().key()));
        out.println("Riskiest endpoints:");
        ranked.stream()
                .limit(5)
                .forEach(r -> out.printf(
                        "  %3d %-8s %s  (%s)%n",
                        r.getValue().score(),
                        r.getValue().level(),
                        r.getKey().key(),
                        String.join("; ", r.getValue().reasons())));
    }
}
