package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = VigilCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(originalOut);
        }
    }

    private Path har() throws Exception {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0) {
                entries.append(',');
            }
            entries.append("{\"startedDateTime\":\"2026-03-01T10:00:0")
                    .append(i % 10)
                    .append(".000Z\",\"time\":12,")
                    .append("\"request\":{\"method\":\"GET\",\"url\":\"https://shop.example.com/api/orders/")
                    .append(1000 + i)
                    .append("\",\"httpVersion\":\"HTTP/1.1\",\"headers\":[],\"queryString\":[],\"cookies\":[],")
                    .append("\"headersSize\":-1,\"bodySize\":0},\"response\":{\"status\":200,\"statusText\":\"OK\",")
                    .append(
                            "\"httpVersion\":\"HTTP/1.1\",\"headers\":[{\"name\":\"Content-Type\",\"value\":\"application/json\"}],")
                    .append("\"cookies\":[],\"content\":{\"size\":40,\"mimeType\":\"application/json\",\"text\":")
                    .append("\"{\\\"id\\\":")
                    .append(1000 + i)
                    .append(",\\\"email\\\":\\\"buyer")
                    .append(i)
                    .append("@example.org\\\"}\"},\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":40},")
                    .append("\"cache\":{},\"timings\":{\"send\":0,\"wait\":12,\"receive\":0}}");
        }
        entries.append(",{\"startedDateTime\":\"not a date\",\"request\":{\"method\":\"GET\"}}");
        Path file = dir.resolve("capture.har");
        Files.writeString(
                file,
                "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"test\",\"version\":\"1\"},\"entries\":["
                        + entries + "]}}");
        return file;
    }

    @Test
    void discoverWritesOpenApiAndInventoryFromAHar() throws Exception {
        Path out = dir.resolve("out");
        Run run = run("discover", "--no-store", "-o", out.toString(), har().toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Inventory: 1 endpoints").contains("1 quarantined");
        JsonNode openapi = new ObjectMapper()
                .readTree(out.resolve("openapi/shop.example.com.json").toFile());
        assertThat(openapi.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(openapi.path("paths").has("/api/orders/{orderId}")).isTrue();
        assertThat(Files.readString(out.resolve("inventory.json"))).doesNotContain("buyer3@example.org");
    }

    @Test
    void badUsageExitsWithTwoAndNamesTheProblem() {
        Run missing = run("discover", "--no-store", dir.resolve("nope.har").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read traffic file");

        Run severity = run("diff", "--spec", "x.yaml", "--fail-on", "severe");
        assertThat(severity.exit()).isEqualTo(2);
        assertThat(severity.err()).contains("--fail-on must be one of");

        Run queue = run("guard", "--route", "api,*,/,http://127.0.0.1:9", "--capture-queue", "0");
        assertThat(queue.exit()).isEqualTo(2);
        assertThat(queue.err()).contains("--capture-queue must be at least 1");
    }
}
