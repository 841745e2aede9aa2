package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scan.engine.ScanProgress.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScanProgressViewTest {
    private static ScanProgressState.Snapshot at(int done, int total, int requests, Phase phase, int seconds) {
        return new ScanProgressState.Snapshot(done, total, requests, 3, phase, Duration.ofSeconds(seconds));
    }

    @Test
    void barShowsUnitsRequestsFindingsElapsedAndEta() {
        String bar = ScanProgressView.bar(at(100, 400, 1234, Phase.READS, 30), 120);

        assertThat(bar)
                .startsWith("[##########..............................]")
                .contains(" 25% 100/400 units 1,234 req 3 findings 0:30 ETA 1:30 reads");
        assertThat(ScanProgressView.bar(at(100, 400, 1234, Phase.READS, 30), 90).length())
                .isLessThanOrEqualTo(90);
    }

    @Test
    void barFitsNarrowTerminalsAndHasNoEstimateBeforeTheFirstUnit() {
        String bar = ScanProgressView.bar(at(0, 400, 57, Phase.LEARNING, 4), 60);

        assertThat(bar.length()).isLessThanOrEqualTo(60);
        assertThat(ScanProgressView.eta(at(0, 400, 57, Phase.LEARNING, 4))).isEmpty();
        assertThat(ScanProgressView.bar(at(0, 400, 57, Phase.LEARNING, 4), 200)).contains("ETA --:-- learning");
    }

    @Test
    void etaExtrapolatesFromUnitsDone() {
        assertThat(ScanProgressView.eta(at(310, 310, 1000, Phase.WRITES, 9))).contains(Duration.ZERO);
        assertThat(ScanProgressView.eta(at(1, 4, 10, Phase.READS, 10))).contains(Duration.ofSeconds(30));
        // too early to extrapolate: 5 of 310 units
        assertThat(ScanProgressView.eta(at(5, 310, 150, Phase.READS, 10))).isEmpty();
        assertThat(ScanProgressView.eta(at(6, 310, 150, Phase.READS, 10))).contains(Duration.ofMillis(506_666));
        assertThat(ScanProgressView.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
    }

    @Test
    void plainLineNamesEveryNumber() {
        assertThat(ScanProgressView.line(at(31, 310, 1040, Phase.READS, 5)))
                .isEqualTo("scan: reads, 10% (31/310 units), 1,040 requests, 3 findings, 0:05 elapsed, ETA 0:45");
    }

    @Test
    void plainLinesAreDueAtEachTenthAtPhaseChangesAndEveryFiveSecondsOfActivity() {
        ScanProgressState.Snapshot first = at(0, 300, 0, Phase.LEARNING, 0);
        assertThat(ScanProgressView.lineDue(null, first)).isTrue();
        assertThat(ScanProgressView.lineDue(null, at(0, 0, 0, null, 0))).isFalse();
        // within the same tenth, less than five seconds later: not due
        assertThat(ScanProgressView.lineDue(at(31, 300, 100, Phase.READS, 10), at(59, 300, 200, Phase.READS, 14)))
                .isFalse();
        assertThat(ScanProgressView.lineDue(at(31, 300, 100, Phase.READS, 10), at(60, 300, 200, Phase.READS, 11)))
                .isTrue();
        assertThat(ScanProgressView.lineDue(first, at(0, 300, 0, Phase.READS, 1)))
                .isTrue();
        assertThat(ScanProgressView.lineDue(at(31, 300, 100, Phase.READS, 10), at(32, 300, 150, Phase.READS, 15)))
                .isTrue();
        // five seconds without a single request (waiting for a slow target): nothing new to say
        assertThat(ScanProgressView.lineDue(at(31, 300, 100, Phase.READS, 10), at(31, 300, 100, Phase.READS, 20)))
                .isFalse();
    }

    @Test
    void stateCountsListenerEvents() {
        ScanProgressState state = new ScanProgressState();
        state.planned(4);
        state.phase(Phase.READS);
        state.requestSent("baseline");
        state.requestSent("bola-read");
        state.unitDone("bola-read", "GET /a/{id}", 2);
        state.unitDone("cors", "GET /a", 0);

        assertThat(state.snapshot(Duration.ofSeconds(1)))
                .isEqualTo(new ScanProgressState.Snapshot(2, 4, 2, 2, Phase.READS, Duration.ofSeconds(1)));
    }

    @Test
    void consolePrintsPlainLinesOnlyWhenDueAndAFinalLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        ScanProgressState state = new ScanProgressState();
        ScanConsole console = new ScanConsole(
                ScanConsole.Mode.LINES, state, new PrintStream(bytes, true, StandardCharsets.UTF_8), nanos::get, 80);
        state.planned(10);
        state.phase(Phase.READS);
        console.tick();
        console.tick();
        state.unitDone("t", "GET /", 0);
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        console.tick();
        state.requestSent("baseline");
        console.tick();
        console.close();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "scan: reads, 0% (0/10 units), 0 requests, 0 findings, 0:00 elapsed, ETA unknown",
                        "scan: reads, 10% (1/10 units), 0 requests, 0 findings, 0:00 elapsed, ETA 0:02",
                        "scan: reads, 10% (1/10 units), 1 requests, 0 findings, 0:00 elapsed, ETA 0:02");
    }

    @Test
    void consoleDoesNotRepeatTheLastLineWhenNothingMoved() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScanProgressState state = new ScanProgressState();
        ScanConsole console = new ScanConsole(
                ScanConsole.Mode.LINES, state, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> 0, 80);
        state.planned(1);
        state.phase(Phase.READS);
        state.unitDone("t", "GET /", 1);
        console.tick();
        console.close();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void consoleRedrawsTheBarInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScanProgressState state = new ScanProgressState();
        ScanConsole console = new ScanConsole(
                ScanConsole.Mode.BAR, state, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> 0, 80);
        state.planned(2);
        console.tick();
        console.close();

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r[").doesNotContain("\n\r").endsWith("\u001B[K" + System.lineSeparator());
        assertThat(out.split("\r", -1)).hasSize(3);
    }

    @Test
    void progressModeIsChosenByTerminalUnlessGiven() {
        assertThat(ScanConsole.Mode.parse("auto", true)).isEqualTo(ScanConsole.Mode.BAR);
        assertThat(ScanConsole.Mode.parse("auto", false)).isEqualTo(ScanConsole.Mode.LINES);
        assertThat(ScanConsole.Mode.parse("NONE", true)).isEqualTo(ScanConsole.Mode.NONE);
        assertThatThrownBy(() -> ScanConsole.Mode.parse("fancy", true))
                .hasMessageContaining("'fancy'")
                .hasMessageContaining("auto, bar, lines, none");
        assertThat(ScanConsole.columns(Map.of("COLUMNS", "120"))).isEqualTo(120);
        assertThat(ScanConsole.columns(Map.of("COLUMNS", "wide"))).isEqualTo(80);
    }
}
