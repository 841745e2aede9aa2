package dev.vigil.guard.detect;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Scanning rate of {@link StreamingInjectionScanner} on 8 KiB chunks, for docs/guard.md: an 8 MB
 * JSON array of records whose strings hold quotes and SQL words (the prefilter's worst case), and
 * 8.5 MB of plain text. Prints MB/s for five rounds; read the last.
 */
public final class StreamScanBenchLauncher {
    private StreamScanBenchLauncher() {}

    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder("[");
        int i = 0;
        while (sb.length() < 8 * 1024 * 1024) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(i++)
                    .append(",\"name\":\"O'Reilly on Union Street\",\"tags\":[\"a\",\"b\"]}");
        }
        byte[] json = sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
        byte[] text = "lorem ipsum dolor sit amet, consectetur adipiscing elit. "
                .repeat(150_000)
                .getBytes(StandardCharsets.UTF_8);
        for (int round = 1; round <= 5; round++) {
            System.out.printf(
                    Locale.ROOT,
                    "round %d: json %.1f MB/s, text %.1f MB/s%n",
                    round,
                    rate("application/json", json),
                    rate("text/plain", text));
        }
    }

    private static double rate(String contentType, byte[] body) {
        long t0 = System.nanoTime();
        StreamingInjectionScanner s = new StreamingInjectionScanner(contentType);
        for (int at = 0; at < body.length; at += 8192) {
            s.feed(body, at, Math.min(8192, body.length - at));
        }
        s.end();
        return body.length / 1e6 / ((System.nanoTime() - t0) / 1e9);
    }
}
