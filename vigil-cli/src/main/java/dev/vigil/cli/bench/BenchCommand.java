package dev.vigil.cli.bench;

import picocli.CommandLine.Command;

/** {@code vigil bench}: measurements recorded in docs/benchmarks.md. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {DiscoveryBench.class, HarHeapBench.class, ScanBench.class},
        description = "Benchmarks: discovery throughput against the Jackson floor, heap for a large HAR.")
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
