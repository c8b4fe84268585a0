package dev.framescope.ui.live;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * The RTT histogram: one bar per bin, drawn by hand. JavaFX's BarChart fails when the categories change under it
 * (an index out of bounds in {@code BarChart.dataItemAdded} when the bins are rebuilt), and the bins here change
 * with every batch of samples.
 */
final class HistogramBars extends Region {

    private static final double LABEL_HEIGHT = 18;
    private List<RttHistogram.Bin> bins = List.of();
    private final Label empty = new Label("No round trips yet: run a ping storm.");
    private final Label from = axisLabel(Pos.CENTER_LEFT);
    private final Label to = axisLabel(Pos.CENTER_RIGHT);
    private final Label peak = axisLabel(Pos.CENTER_LEFT);

    HistogramBars() {
        getStyleClass().add("rtt-histogram");
        setPadding(new Insets(6));
        setMinHeight(60);
        getChildren().setAll(empty);
    }

    List<RttHistogram.Bin> bins() {
        return bins;
    }

    void show(List<RttHistogram.Bin> next) {
        bins = List.copyOf(next);
        if (bins.isEmpty()) {
            getChildren().setAll(empty);
            return;
        }
        int max = bins.stream().mapToInt(RttHistogram.Bin::count).max().orElse(1);
        Region[] bars = new Region[bins.size()];
        for (int i = 0; i < bars.length; i++) {
            RttHistogram.Bin b = bins.get(i);
            Region bar = new Region();
            bar.getStyleClass().add("histogram-bar");
            bar.setUserData(b.count() / (double) max);
            Tooltip.install(bar, new Tooltip(b.label() + " ms: " + b.count()));
            bars[i] = bar;
        }
        from.setText(bins.get(0).label().split("–")[0] + " ms");
        to.setText(bins.get(bins.size() - 1).label().split("–")[1] + " ms");
        peak.setText(String.format(Locale.ROOT, "tallest bar: %,d %s", max, max == 1 ? "pong" : "pongs"));
        getChildren().setAll(bars);
        getChildren().addAll(from, to, peak);
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x0 = in.getLeft();
        double w = getWidth() - in.getLeft() - in.getRight();
        double top = in.getTop() + LABEL_HEIGHT;
        double h = getHeight() - top - in.getBottom() - LABEL_HEIGHT;
        if (bins.isEmpty()) {
            empty.resizeRelocate(x0, in.getTop(), w, h + LABEL_HEIGHT);
            return;
        }
        double slot = w / bins.size();
        int i = 0;
        for (var child : getChildren()) {
            if (child.getStyleClass().contains("histogram-bar")) {
                double barHeight = Math.max(1, h * (double) child.getUserData());
                child.resizeRelocate(x0 + i * slot + 1, top + h - barHeight, Math.max(1, slot - 2), barHeight);
                i++;
            }
        }
        from.resizeRelocate(x0, top + h + 2, w / 2, LABEL_HEIGHT - 2);
        to.resizeRelocate(x0 + w / 2, top + h + 2, w / 2, LABEL_HEIGHT - 2);
        peak.resizeRelocate(x0, in.getTop(), w, LABEL_HEIGHT - 2);
    }

    private static Label axisLabel(Pos pos) {
        Label l = new Label();
        l.setAlignment(pos);
        l.getStyleClass().add("histogram-axis");
        return l;
    }
}
