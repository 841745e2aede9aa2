package dev.vigil.cli;

import dev.vigil.scan.engine.ScanProgress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How scan progress looks on a console, as pure functions of a {@link ScanProgressState.Snapshot}:
 * a one-line bar redrawn in place on a terminal, and plain lines for logs (CI), printed at every
 * tenth of the units or after {@link #LINE_INTERVAL} when requests moved.
 */
final class ScanProgressView {
    /** Longest silence between plain lines while requests are being sent. */
    static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

    private ScanProgressView() {}

    /** Percent of units done (0 while the plan is unknown or empty). */
    static int percent(ScanProgressState.Snapshot s) {
        return s.total() == 0 ? 0 : (int) (100L * s.done() / s.total());
    }

    /**
     * Remaining time, extrapolated from the units done so far; empty until 2 % of the units (at
     * least one) finished: the first units include the learning phase's time and would promise
     * hours (the learning phase has no units, so it has no estimate).
     */
    static Optional<Duration> eta(ScanProgressState.Snapshot s) {
        if (s.total() == 0 || s.done() < Math.max(1, s.total() / 50)) {
            return Optional.empty();
        }
        long remaining = Math.max(0, s.total() - s.done());
        return Optional.of(Duration.ofMillis(s.elapsed().toMillis() * remaining / s.done()));
    }

    /** The terminal bar, without the leading carriage return, at most {@code columns} wide. */
    static String bar(ScanProgressState.Snapshot s, int columns) {
        String right = String.format(
                Locale.ROOT,
                " %3d%% %d/%d units %s req %d findings %s ETA %s %s",
                percent(s),
                s.done(),
                s.total(),
                count(s.requests()),
                s.findings(),
                clock(s.elapsed()),
                eta(s).map(ScanProgressView::clock).orElse("--:--"),
                phase(s.phase()));
        int width = Math.max(10, Math.min(40, columns - right.length() - 2));
        int filled = s.total() == 0 ? 0 : (int) ((long) width * s.done() / s.total());
        String bar = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]" + right;
        return bar.length() > columns ? bar.substring(0, Math.max(0, columns)) : bar;
    }

    /** A plain progress line for logs. */
    static String line(ScanProgressState.Snapshot s) {
        return String.format(
                Locale.ROOT,
                "scan: %s, %d%% (%d/%d units), %s requests, %d findings, %s elapsed, ETA %s",
                phase(s.phase()),
                percent(s),
                s.done(),
                s.total(),
                count(s.requests()),
                s.findings(),
                clock(s.elapsed()),
                eta(s).map(ScanProgressView::clock).orElse("unknown"));
    }

    /**
     * Whether a plain line is due now, given the last one printed (null: none yet): at the first
     * snapshot with a plan, when a new tenth of the units is done, or when requests moved and the
     * last line is {@link #LINE_INTERVAL} old.
     */
    static boolean lineDue(ScanProgressState.Snapshot last, ScanProgressState.Snapshot now) {
        if (last == null) {
            return now.phase() != null;
        }
        if (percent(now) / 10 > percent(last) / 10 || now.phase() != last.phase()) {
            return true;
        }
        return now.requests() != last.requests()
                && now.elapsed().minus(last.elapsed()).compareTo(LINE_INTERVAL) >= 0;
    }

    static String clock(Duration d) {
        long seconds = d.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String phase(ScanProgress.Phase p) {
        return p == null ? "starting" : p.name().toLowerCase(Locale.ROOT);
    }
}
