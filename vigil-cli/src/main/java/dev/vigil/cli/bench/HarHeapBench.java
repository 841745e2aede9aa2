package dev.vigil.cli.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap used by {@code vigil discover} on a large HAR: writes the HAR, then runs discovery in a child
 * JVM capped at {@code --xmx} that reports its peak heap.
 */
@Command(
        name = "har-heap",
        mixinStandardHelpOptions = true,
        description = "Peak heap of 'vigil discover' on a generated HAR of --mb megabytes.")
final class HarHeapBench implements Callable<Integer> {
    @Option(names = "--mb", defaultValue = "1024", description = "HAR size in MiB (default: ${DEFAULT-VALUE}).")
    long megabytes;

    @Option(
            names = "--xmx",
            defaultValue = "512m",
            description = "Heap cap of the child JVM (default: ${DEFAULT-VALUE}).")
    String xmx;

    @Option(names = "--dir", defaultValue = "bench-out")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        Path har = dir.resolve("corpus-" + megabytes + "mb.har");
        if (!Files.exists(har)) {
            System.err.println("bench: writing " + har);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(har), 1 << 20)) {
                long entries = HarCorpus.write(megabytes * 1024 * 1024, 3, out);
                System.err.printf("bench: %,d entries%n", entries);
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx" + xmx,
                "-cp",
                classpath,
                "dev.vigil.cli.VigilCommand",
                "discover",
                "--no-store",
                "--report-heap",
                "-o",
                dir.resolve("har-out").toString(),
                har.toString()));
        System.out.printf("HAR: %s (%,d bytes), child JVM -Xmx%s%n", har, Files.size(har), xmx);
        Process p = new ProcessBuilder(command).inheritIO().start();
        int exit = p.waitFor();
        System.out.println("child exit code: " + exit);
        return exit;
    }
}
