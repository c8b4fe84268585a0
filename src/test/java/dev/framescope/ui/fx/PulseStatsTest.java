package dev.framescope.ui.fx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PulseStatsTest {

    @Test
    void emptyStatsAreZero() {
        PulseStats.Snapshot s = new PulseStats().snapshot();
        assertEquals(new PulseStats.Snapshot(0, 0, 0, 0, 0), s);
    }

    @Test
    void nearestRankPercentilesOverOneToHundred() {
        PulseStats stats = new PulseStats(128);
        for (int i = 100; i >= 1; i--) {
            stats.record(i * 1_000L);
        }
        PulseStats.Snapshot s = stats.snapshot();
        assertEquals(50_000, s.p50Nanos());
        assertEquals(99_000, s.p99Nanos());
        assertEquals(100_000, s.maxNanos());
        assertEquals(100, s.windowSize());
        assertEquals(100, s.totalPulses());
    }

    @Test
    void singleSampleIsEveryPercentile() {
        PulseStats stats = new PulseStats(4);
        stats.record(7);
        assertEquals(new PulseStats.Snapshot(1, 1, 7, 7, 7), stats.snapshot());
    }

    @Test
    void windowForgetsTheOldestSamples() {
        PulseStats stats = new PulseStats(4);
        stats.record(1_000_000);
        for (int i = 0; i < 4; i++) {
            stats.record(10);
        }
        PulseStats.Snapshot s = stats.snapshot();
        assertEquals(10, s.maxNanos(), "the 1 ms outlier left the 4-sample window");
        assertEquals(4, s.windowSize());
        assertEquals(5, s.totalPulses());
    }

    @Test
    void resetForgetsEverySample() {
        PulseStats stats = new PulseStats(8);
        for (int i = 1; i <= 5; i++) {
            stats.record(i * 1_000_000L);
        }
        stats.reset();
        assertEquals(new PulseStats.Snapshot(0, 0, 0, 0, 0), stats.snapshot());
        stats.record(7);
        assertEquals(new PulseStats.Snapshot(1, 1, 7, 7, 7), stats.snapshot(), "only what came after the reset");
    }

    @Test
    void describesInMilliseconds() {
        assertEquals("p50 120 µs · p99 1.30 ms · max 4.02 ms",
                new PulseStats.Snapshot(3, 3, 120_000, 1_300_000, 4_020_000).describe());
    }

    @Test
    void rejectsNegativeDurationsAndEmptyCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new PulseStats().record(-1));
        assertThrows(IllegalArgumentException.class, () -> new PulseStats(0));
    }

    @Test
    void theLongestSamplesComeLongestFirstAndNoMoreThanTheWindowHolds() {
        PulseStats stats = new PulseStats(8);
        for (long ms : new long[] {3, 9, 1, 7, 5}) {
            stats.record(ms);
        }
        assertArrayEquals(new long[] {9, 7, 5}, stats.longest(3));
        assertArrayEquals(new long[] {9, 7, 5, 3, 1}, stats.longest(10));
    }
}
