package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RttHistogramTest {

    @Test
    void everySampleLandsInExactlyOneBinOfA125Width() {
        List<Double> samples = List.of(0.31, 0.42, 0.44, 0.9, 1.7, 2.49);
        List<RttHistogram.Bin> bins = RttHistogram.of(samples);
        assertEquals(samples.size(), bins.stream().mapToInt(RttHistogram.Bin::count).sum());
        assertTrue(bins.size() <= RttHistogram.MAX_BINS, "bins: " + bins.size());
        double width = bins.get(0).toMs() - bins.get(0).fromMs();
        assertEquals(0.1, width, 1e-9, "the smallest 1-2-5 step that fits 0.3…2.5 ms in 24 bins");
        assertTrue(bins.get(0).fromMs() <= 0.31 && bins.get(bins.size() - 1).toMs() > 2.49);
    }

    @Test
    void oneSampleIsOneBarAndSecondsStayFewBars() {
        assertEquals(1, RttHistogram.of(List.of(5.0)).size());
        List<RttHistogram.Bin> wide = RttHistogram.of(List.of(1.0, 9_000.0));
        assertTrue(wide.size() <= RttHistogram.MAX_BINS, "bins: " + wide.size());
        assertEquals("0–500", wide.get(0).label());
    }

    @Test
    void noSamplesNoBars() {
        assertEquals(List.of(), RttHistogram.of(List.of()));
    }
}
