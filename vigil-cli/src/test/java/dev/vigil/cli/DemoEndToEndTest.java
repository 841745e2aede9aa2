package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.Exposure;
import dev.vigil.store.Database;
import dev.vigil.store.DatabaseConfig;
import dev.vigil.store.InventoryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's first command, end to end: embedded PostgreSQL, the demo API, discovery, export, diff. */
class DemoEndToEndTest {
    @TempDir
    Path dir;

    private int demo(Path out) {
        CommandLine cli = VigilCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(
                "demo", "--iterations", "14", "--data-dir", dir.resolve("data").toString(), "-o", out.toString());
        assertThat(exit).as(err.toString()).isZero();
        return exit;
    }

    private List<Endpoint> stored() {
        try (Database db = Database.open(DatabaseConfig.embedded(dir.resolve("data")))) {
            return new InventoryStore(db.jdbi(), Clock.systemUTC()).endpoints();
        }
    }

    @Test
    void demoLeavesAStoredInventoryOpenApiAndADiffAndContinuesIncrementally() throws Exception {
        Path out = dir.resolve("out");
        demo(out);

        List<Endpoint> first = stored();
        assertThat(first).hasSizeGreaterThanOrEqualTo(20);
        assertThat(first).anyMatch(e -> e.exposure() == Exposure.THIRD_PARTY);
        assertThat(first).anyMatch(e -> e.key().pathTemplate().equals("/api/v2/accounts/{accountId}"));
        assertThat(first).anyMatch(e -> e.key().pathTemplate().equals("/api/v2/users/me"));
        assertThat(first).anyMatch(e -> !e.sensitiveFields().isEmpty());

        List<Path> specs;
        try (Stream<Path> files = Files.list(out.resolve("openapi"))) {
            specs = files.toList();
        }
        assertThat(specs).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        for (Path spec : specs) {
            JsonNode doc = json.readTree(spec.toFile());
            assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        }
        assertThat(Files.readString(out.resolve("diff.txt"))).contains("SHADOW").contains("ZOMBIE");
        String inventory = Files.readString(out.resolve("inventory.json"));
        assertThat(inventory).doesNotContain("Bearer ey");

        long callsBefore = first.stream().mapToLong(Endpoint::calls).sum();
        demo(dir.resolve("out2"));
        long callsAfter = stored().stream().mapToLong(Endpoint::calls).sum();
        assertThat(callsAfter)
                .as("a second run adds to the stored inventory")
                .isGreaterThan(callsBefore + callsBefore / 2);
    }
}
