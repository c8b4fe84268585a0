package dev.framescope.ui.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round trips binned for the Heartbeat tab's histogram: the bin width is the smallest 1-2-5 step (in ms) that
 * covers the samples with at most {@link #MAX_BINS} bins, so the bars stay readable from 50 µs to seconds.
 */
final class RttHistogram {

    static final int MAX_BINS = 24;
    private static final double[] STEPS = {1, 2, 5};

    /** One bar: [from, to) ms and how many samples fell in it. */
    record Bin(double fromMs, double toMs, int count) {
        String label() {
            return format(fromMs) + "–" + format(toMs);
        }

        private static String format(double ms) {
            return ms >= 10 || ms == Math.rint(ms) ? String.format(Locale.ROOT, "%.0f", ms)
                    : String.format(Locale.ROOT, ms >= 1 ? "%.1f" : "%.2f", ms);
        }
    }

    private RttHistogram() {
    }

    static List<Bin> of(List<Double> samplesMs) {
        if (samplesMs.isEmpty()) {
            return List.of();
        }
        double min = samplesMs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = samplesMs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double width = width(min, max);
        double start = Math.floor(min / width) * width;
        int bins = (int) Math.floor((max - start) / width) + 1;
        int[] counts = new int[bins];
        for (double s : samplesMs) {
            counts[Math.min(bins - 1, (int) Math.floor((s - start) / width))]++;
        }
        List<Bin> out = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            out.add(new Bin(start + i * width, start + (i + 1) * width, counts[i]));
        }
        return out;
    }

    private static double width(double min, double max) {
        for (double decade = 0.01; ; decade *= 10) {
            for (double step : STEPS) {
                double w = step * decade;
                double start = Math.floor(min / w) * w;
                if ((max - start) / w < MAX_BINS) {
                    return w;
                }
            }
        }
    }
}
