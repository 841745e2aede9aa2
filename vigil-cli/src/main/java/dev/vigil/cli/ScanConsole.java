package dev.vigil.cli;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a running scan's progress on stderr (stdout stays for results): a bar redrawn in place at
 * most four times a second on a terminal, plain lines in logs ({@link ScanProgressView#lineDue}),
 * or nothing. {@link #tick()} renders once; {@link #start()} ticks from a daemon thread until
 * {@link #close()}, which renders the final state (in lines mode only when it differs from the
 * last line printed).
 */
final class ScanConsole implements AutoCloseable {
    /** How progress is shown; {@code auto} picks the bar on a terminal and lines otherwise. */
    enum Mode {
        BAR,
        LINES,
        NONE;

        static Mode parse(String text, boolean terminal) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> terminal ? BAR : LINES;
                case "bar" -> BAR;
                case "lines" -> LINES;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("unknown value '" + text + "' (auto, bar, lines, none)");
            };
        }
    }

    static final Duration TICK = Duration.ofMillis(250);

    private final Mode mode;
    private final ScanProgressState state;
    private final PrintStream out;
    private final LongSupplier nanos;
    private final int columns;
    private final long started;
    private ScanProgressState.Snapshot lastLine;
    private ScheduledExecutorService timer;

    ScanConsole(Mode mode, ScanProgressState state, PrintStream out, LongSupplier nanos, int columns) {
        this.mode = mode;
        this.state = state;
        this.out = out;
        this.nanos = nanos;
        this.columns = columns;
        this.started = nanos.getAsLong();
    }

    /** Whether this JVM's console is an interactive terminal (stdin and stdout not redirected). */
    static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a Console even when redirected and says so with isTerminal()
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException java21) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Terminal width from {@code COLUMNS}, 80 when unknown. */
    static int columns(java.util.Map<String, String> env) {
        try {
            int c = Integer.parseInt(env.getOrDefault("COLUMNS", "80").trim());
            return c >= 40 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    ScanConsole start() {
        if (mode != Mode.NONE) {
            timer = Executors.newSingleThreadScheduledExecutor(r ->
                    Thread.ofPlatform().daemon().name("vigil-scan-progress").unstarted(r));
            timer.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Renders the current state if this mode shows it now. */
    synchronized void tick() {
        ScanProgressState.Snapshot now = state.snapshot(Duration.ofNanos(nanos.getAsLong() - started));
        switch (mode) {
            case BAR -> {
                out.print("\r" + ScanProgressView.bar(now, columns) + "\u001B[K");
                out.flush();
            }
            case LINES -> {
                if (ScanProgressView.lineDue(lastLine, now)) {
                    out.println(ScanProgressView.line(now));
                    lastLine = now;
                }
            }
            case NONE -> {}
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        ScanProgressState.Snapshot now = state.snapshot(Duration.ofNanos(nanos.getAsLong() - started));
        switch (mode) {
            case BAR -> out.println("\r" + ScanProgressView.bar(now, columns) + "\u001B[K");
            case LINES -> {
                if (lastLine == null || !sameCounts(lastLine, now)) {
                    out.println(ScanProgressView.line(now));
                }
            }
            case NONE -> {}
        }
    }

    // the final line repeats nothing a log already shows
    private static boolean sameCounts(ScanProgressState.Snapshot a, ScanProgressState.Snapshot b) {
        return a.done() == b.done()
                && a.total() == b.total()
                && a.requests() == b.requests()
                && a.findings() == b.findings()
                && a.phase() == b.phase();
    }
}
