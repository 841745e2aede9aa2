package dev.vigil.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves that HAR reading is streaming: a ~300 MB generated document, far larger than the heap,
 * is read in a child JVM limited to 96 MB. A reader that buffered the document or its entries
 * would die of OutOfMemoryError there.
 */
class HarReaderMemoryTest {
    private static final long TARGET_BYTES = 300L * 1024 * 1024;

    @Test
    void readsAHarFarLargerThanTheHeapEntryByEntry() throws IOException, InterruptedException {
        long entries = TARGET_BYTES / GeneratedHar.entrySize();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-Xmx96m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HarMemoryProbe.class.getName(),
                        Long.toString(entries)))
                .redirectErrorStream(true)
                .start();
        byte[] output = child.getInputStream().readAllBytes();
        boolean exited = child.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String printed = new String(output, StandardCharsets.UTF_8).trim();
        assertThat(exited).as("child finished").isTrue();
        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed).isEqualTo(entries + " 0");
    }
}
