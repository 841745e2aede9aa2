package dev.vigil.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficReadersTest {
    private static final String LINE =
            "{\"startedAt\":\"2026-05-01T12:00:00Z\",\"request\":{\"method\":\"GET\",\"url\":\"https://a.example/x\"}}\n";

    @TempDir
    Path dir;

    private final CollectingSink sink = new CollectingSink();

    private byte[] resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/HarReaderTest/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void recognisesHarByContentWhateverTheFileName() throws IOException {
        Path file = dir.resolve("capture.jsonl");
        Files.write(file, resource("firefox.har"));
        assertThat(TrafficReaders.readFile(file, sink, 1000)).isEqualTo(new ReadSummary(2, 0));
        assertThat(sink.exchanges.get(0).source()).isEqualTo("capture.jsonl");
    }

    @Test
    void readsJsonLinesWhoseFirstObjectIsNotALog() throws IOException {
        Path file = dir.resolve("capture.har");
        Files.writeString(file, "\uFEFF" + LINE + LINE, StandardCharsets.UTF_8);
        assertThat(TrafficReaders.readFile(file, sink, 1000)).isEqualTo(new ReadSummary(2, 0));
    }

    @Test
    void readsGzippedHarAndJsonLines() throws IOException {
        Path har = dir.resolve("a.har.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(har))) {
            out.write(resource("zap.har"));
        }
        Path jsonl = dir.resolve("b.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(jsonl))) {
            out.write((LINE + LINE + LINE).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(TrafficReaders.readFile(har, sink, 1000)).isEqualTo(new ReadSummary(1, 0));
        assertThat(TrafficReaders.readFile(jsonl, sink, 1000)).isEqualTo(new ReadSummary(3, 0));
    }
}
