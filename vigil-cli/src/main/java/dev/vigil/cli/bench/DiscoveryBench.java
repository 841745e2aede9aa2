package dev.vigil.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.classify.Classifier;
import dev.vigil.classify.Redactor;
import dev.vigil.classify.Suppressions;
import dev.vigil.discovery.AuthConfig;
import dev.vigil.discovery.AuthDetector;
import dev.vigil.discovery.DiscoveryEngine;
import dev.vigil.discovery.ExposureClassifier;
import dev.vigil.discovery.ExposureConfig;
import dev.vigil.discovery.ParallelIngest;
import dev.vigil.discovery.PathTemplater;
import dev.vigil.discovery.TemplatingConfig;
import dev.vigil.discovery.schema.BodyAnalyzer;
import dev.vigil.traffic.JsonlReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Discovery throughput over a generated corpus, side by side with the floor: Jackson alone parsing the
 * same bytes (each JSON line, then the request and response bodies inside it) on one thread.
 */
@Command(
        name = "discovery",
        mixinStandardHelpOptions = true,
        description = "Exchanges per second: Jackson floor vs Vigil on 1 and 2 threads.")
final class DiscoveryBench implements Callable<Integer> {
    @Option(names = "--exchanges", defaultValue = "1000000", description = "Corpus size (default: ${DEFAULT-VALUE}).")
    long exchanges;

    @Option(
            names = "--warmup",
            defaultValue = "100000",
            description = "Exchanges of warm-up before each timed pass (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(
            names = "--dir",
            defaultValue = "bench-out",
            description = "Where the corpus is kept (default: ${DEFAULT-VALUE}).")
    Path dir;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        Path corpus = dir.resolve("corpus-" + exchanges + "-" + seed + ".jsonl");
        if (!Files.exists(corpus)) {
            System.err.println("bench: generating " + corpus);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(corpus), 1 << 20)) {
                new TrafficCorpus(seed).write(exchanges, out);
            }
        }
        long bytes = Files.size(corpus);
        System.out.printf(
                "corpus: %,d exchanges, %,d bytes (%.0f bytes/exchange)%n",
                exchanges, bytes, (double) bytes / exchanges);
        double floor = best("jackson floor (1 thread)", () -> floor(corpus));
        double one = best("vigil discovery (1 thread)", () -> vigil(corpus, 0));
        double two = best("vigil discovery (2 threads)", () -> vigil(corpus, 1));
        System.out.printf("%nratio to floor: 1 thread %.2f, 2 threads %.2f (goal >= 0.33)%n", one / floor, two / floor);
        return 0;
    }

    private interface Pass {
        long run() throws IOException;
    }

    /** Runs a pass once to warm up (bounded by --warmup via the corpus prefix) and once timed. */
    private double best(String name, Pass pass) throws IOException {
        long limitBefore = limit;
        limit = warmup;
        pass.run();
        limit = limitBefore;
        System.gc();
        long start = System.nanoTime();
        long n = pass.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = n / seconds;
        System.out.printf("%-30s %,12d exchanges %8.2f s %,12.0f exchanges/s%n", name, n, seconds, rate);
        return rate;
    }

    private long limit = Long.MAX_VALUE;

    private long floor(Path corpus) throws IOException {
        long n = 0;
        bufferStart = 0;
        bufferEnd = 0;
        try (InputStream in = Files.newInputStream(corpus)) {
            byte[] line;
            while (n < limit && (line = readLine(in)) != null) {
                JsonNode exchange = MAPPER.readTree(line);
                parseBody(exchange.path("request").path("body").asText());
                parseBody(exchange.path("response").path("body").asText());
                n++;
            }
        }
        return n;
    }

    private static void parseBody(String body) throws IOException {
        if (!body.isEmpty()) {
            MAPPER.readTree(body);
        }
    }

    private long vigil(Path corpus, int workers) throws IOException {
        Classifier classifier = Classifier.builtIn();
        DiscoveryEngine engine = new DiscoveryEngine(
                new PathTemplater(TemplatingConfig.defaults()),
                new AuthDetector(AuthConfig.defaults()),
                new ExposureClassifier(ExposureConfig.defaults()),
                new BodyAnalyzer(classifier, new Redactor(classifier)),
                Suppressions.none());
        long accepted;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(corpus), 1 << 20);
                ParallelIngest ingest = new ParallelIngest(engine, workers, q -> {})) {
            new JsonlReader(1 << 20).read(new LimitedLines(in, limit), "bench", ingest);
            accepted = ingest.accepted();
        }
        engine.snapshot();
        return accepted;
    }

    private final byte[] buffer = new byte[1 << 20];
    private int bufferStart;
    private int bufferEnd;

    /** The next line without its newline, or null at the end; a buffered scan, as fast as the floor deserves. */
    private byte[] readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream carry = null;
        while (true) {
            for (int i = bufferStart; i < bufferEnd; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = java.util.Arrays.copyOfRange(buffer, bufferStart, i);
                    bufferStart = i + 1;
                    if (carry == null) {
                        return line;
                    }
                    carry.write(line);
                    return carry.toByteArray();
                }
            }
            if (bufferEnd > bufferStart) {
                if (carry == null) {
                    carry = new java.io.ByteArrayOutputStream();
                }
                carry.write(buffer, bufferStart, bufferEnd - bufferStart);
            }
            bufferStart = 0;
            bufferEnd = in.read(buffer);
            if (bufferEnd <= 0) {
                bufferEnd = 0;
                return carry == null || carry.size() == 0 ? null : carry.toByteArray();
            }
        }
    }

    /** An input stream that ends after a number of lines, for warm-up passes over a prefix. */
    private static final class LimitedLines extends InputStream {
        private final InputStream in;
        private long remaining;

        LimitedLines(InputStream in, long lines) {
            this.in = in;
            this.remaining = lines;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b == '\n') {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            if (remaining == Long.MAX_VALUE) {
                return in.read(buf, off, len);
            }
            int i = 0;
            while (i < len) {
                int b = read();
                if (b < 0) {
                    break;
                }
                buf[off + i++] = (byte) b;
            }
            return i == 0 ? -1 : i;
        }
    }
}
