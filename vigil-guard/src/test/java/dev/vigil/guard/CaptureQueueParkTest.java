package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureQueueParkTest {
    private static final long MS = 1_000_000;

    @Test
    void anIdleQueueWaitsLongerUpToTheMaximum() {
        assertThat(CaptureQueue.nextPark(MS, MS, 0, 4096)).isEqualTo(2 * MS);
        assertThat(CaptureQueue.nextPark(4 * MS, 4 * MS, 0, 4096)).isEqualTo(4 * MS);
    }

    @Test
    void aBusyQueueWaitsAboutAsLongAsAQuarterOfItTakesToFill() {
        // 1,024 arrived in 8 ms: a quarter of a 4,096 queue fills in 8 ms, capped at the maximum.
        assertThat(CaptureQueue.nextPark(MS, 8 * MS, 1024, 4096)).isEqualTo(4 * MS);
        // 100 in 1 ms with a 400 queue: a quarter (100) fills in 1 ms.
        assertThat(CaptureQueue.nextPark(MS, MS, 100, 400)).isEqualTo(MS);
        // 2,000 in 2 ms with a 4,096 queue: a quarter fills in 1.024 ms.
        assertThat(CaptureQueue.nextPark(MS, 2 * MS, 2000, 4096)).isEqualTo(1_024_000);
        // A small queue under heavy load never waits less than the minimum.
        assertThat(CaptureQueue.nextPark(MS, MS, 5000, 16)).isEqualTo(MS);
    }
}
