package dev.vigil.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints a progress line for long work every few seconds, on stderr so stdout stays machine-readable. */
final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final long started = System.nanoTime();

    Progress(String what, LongSupplier done, LongSupplier quarantined, PrintStream err) {
        timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("vigil-progress").unstarted(r));
        timer.scheduleAtFixedRate(
                () -> {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long n = done.getAsLong();
                    err.printf(
                            "%s: %,d exchanges, %,d quarantined, %,.0f/s%n",
                            what, n, quarantined.getAsLong(), n / seconds);
                },
                3,
                3,
                TimeUnit.SECONDS);
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
