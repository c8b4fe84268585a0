package dev.framescope.ui.fx;

import java.util.Arrays;

/**
 * Durations of the most recent pulses' work, for p50 / p99 / max. A ring buffer of the last {@code capacity}
 * samples, sorted on demand: exact percentiles over a recent window, constant memory, no allocation per sample.
 * Not thread-safe: record and read on the FX thread.
 */
public final class PulseStats {

    /** A summary of the window; all durations in nanoseconds, 0 when empty. */
    public record Snapshot(long totalPulses, int windowSize, long p50Nanos, long p99Nanos, long maxNanos) {

        /** "p50 120 µs · p99 1.30 ms · max 4.02 ms". */
        public String describe() {
            return "p50 " + duration(p50Nanos) + " · p99 " + duration(p99Nanos) + " · max " + duration(maxNanos);
        }

        private static String duration(long nanos) {
            return nanos < 1_000_000 ? (nanos / 1_000) + " µs" : String.format("%.2f ms", nanos / 1e6);
        }
    }

    public static final int DEFAULT_CAPACITY = 1024;

    private final long[] samples;
    private int next;
    private int size;
    private long total;

    public PulseStats() {
        this(DEFAULT_CAPACITY);
    }

    public PulseStats(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        samples = new long[capacity];
    }

    public void record(long durationNanos) {
        if (durationNanos < 0) {
            throw new IllegalArgumentException("a duration cannot be negative: " + durationNanos);
        }
        samples[next] = durationNanos;
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
        total++;
    }

    /** Forgets every sample (a benchmark starts measuring after its warm-up). */
    public void reset() {
        next = 0;
        size = 0;
        total = 0;
    }

    public Snapshot snapshot() {
        if (size == 0) {
            return new Snapshot(total, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Snapshot(total, size, percentile(sorted, 50), percentile(sorted, 99), sorted[size - 1]);
    }

    /** The {@code n} longest durations of the window, longest first (fewer when the window holds fewer). */
    public long[] longest(int n) {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        long[] out = new long[Math.min(n, size)];
        for (int i = 0; i < out.length; i++) {
            out[i] = sorted[size - 1 - i];
        }
        return out;
    }

    /** Nearest-rank percentile: the smallest sample with at least p% of samples at or below it. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
