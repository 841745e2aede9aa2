package dev.vigil.classify;

import java.util.List;

/**
 * A rough throughput check for {@link Classifier#classify}, not a test and not JMH: it warms up,
 * then reports nanoseconds per call for a traffic-like mix (mostly short scalars) and for the
 * positive samples. Run after {@code mvn test-compile} with the test classpath, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.vigil.classify.ClassifierBench}.
 */
final class ClassifierBench {
    private ClassifierBench() {}

    public static void main(String[] args) {
        Classifier c = Classifier.builtIn();
        List<String[]> common = List.of(
                new String[] {"id", "42"},
                new String[] {"active", "true"},
                new String[] {"status", "shipped"},
                new String[] {"quantity", "3"},
                new String[] {"price", "19.99"},
                new String[] {"currency", "EUR"},
                new String[] {"createdAt", "2024-01-02T03:04:05Z"},
                new String[] {"orderId", "4000056655665557"},
                new String[] {"name", "Widget"},
                new String[] {"requestId", "3f1c2a9e-5b7d-4c3e-9f0a-1b2c3d4e5f60"});
        List<String[]> sensitive = Samples.POSITIVES.stream()
                .map(s -> new String[] {s.key(), s.value()})
                .toList();
        run("common scalars", c, common);
        run("sensitive samples", c, sensitive);
    }

    private static void run(String label, Classifier c, List<String[]> inputs) {
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            String[] kv = inputs.get(i % inputs.size());
            sink += c.classify(kv[0], kv[1]).size();
        }
        int n = 1_000_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String[] kv = inputs.get(i % inputs.size());
            sink += c.classify(kv[0], kv[1]).size();
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("%-18s %8.0f ns/call (%d matches)%n", label, (double) elapsed / n, sink);
    }
}
