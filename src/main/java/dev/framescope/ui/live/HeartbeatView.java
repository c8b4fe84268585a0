package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.text.UnansweredPings;
import dev.framescope.capture.HeartbeatStats;
import dev.framescope.engine.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Heartbeat tab: statistics, RTT over time above the message rate on the same time axis, an RTT histogram, and
 * the lab's actions (idle-timeout probe, ping storm). Fed by {@link ConnectionDetails} with each pulse's batch of
 * events — the charts change once per batch, never per frame.
 */
final class HeartbeatView {

    private static final double AXIS_WIDTH = 44;

    private final XYChart.Series<Number, Number> rtt = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> rate = new XYChart.Series<>();
    private final HistogramBars histogram = new HistogramBars();
    private final NumberAxis rttTime = timeAxis();
    private final NumberAxis rateTime = timeAxis();
    private final Label stats = new Label("No pings yet");
    private final Label probeResult = new Label("");
    private final Spinner<Integer> probeLimitSeconds = new Spinner<>(1, 3600, 120);
    private final Spinner<Integer> stormCount = new Spinner<>(1, 100_000, 100);
    private final Spinner<Integer> stormIntervalMs = new Spinner<>(0, 60_000, 10);
    private final VBox pane;
    private final List<Double> samplesMs = new ArrayList<>();
    /**
     * Messages per whole second since the connection started, both directions: counts (the first {@code seconds}
     * entries) and their chart points.
     */
    private int[] counts = new int[64];
    private int seconds;
    private final List<XYChart.Data<Number, Number>> perSecond = new ArrayList<>();
    private Supplier<Optional<Connection>> connection = Optional::empty;
    private double latestSeconds;
    /** The first second whose message count changed since the charts were last brought up to date. */
    private int firstChanged = Integer.MAX_VALUE;

    HeartbeatView() {
        pane = new VBox(6, actions(), probeResult, charts());
        pane.setPadding(new Insets(10));
        stats.setId("heartbeat-stats");
        probeResult.setId("idle-probe-result");
        probeResult.setWrapText(true);
        probeResult.managedProperty().bind(probeResult.textProperty().isNotEmpty());
    }

    VBox node() {
        return pane;
    }

    XYChart.Series<Number, Number> rttSeries() {
        return rtt;
    }

    List<RttHistogram.Bin> histogramBins() {
        return histogram.bins();
    }

    XYChart.Series<Number, Number> rateSeries() {
        return rate;
    }

    /** Where the actions find the selected connection's engine side (absent for a loaded session). */
    void useConnection(Supplier<Optional<Connection>> source) {
        connection = source;
    }

    void clear() {
        rtt.getData().clear();
        rate.getData().clear();
        histogram.show(List.of());
        samplesMs.clear();
        perSecond.clear();
        Arrays.fill(counts, 0);
        seconds = 0;
        latestSeconds = 0;
        firstChanged = Integer.MAX_VALUE;
        stats.setText("No pings yet");
        probeResult.setText("");
        alignTimeAxes();
    }

    /**
     * A plain frame's frame or message event of the shown log, {@code t} seconds in: counted, not built. The next
     * {@link #add} shows it.
     */
    void plain(double t, boolean message) {
        latestSeconds = Math.max(latestSeconds, t);
        if (message) {
            countMessage(t);
        }
    }

    private void countMessage(double t) {
        int second = (int) Math.max(0, Math.floor(t));
        if (second >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(counts.length * 2, second + 1));
        }
        counts[second]++;
        seconds = Math.max(seconds, second + 1);
        firstChanged = Math.min(firstChanged, second);
    }

    /** One pulse's batch of new events of the shown log (besides its plain frames, counted already). */
    void add(List<CaptureEvent> batch, CaptureLog log) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        boolean heartbeat = false;
        int ratePoints = perSecond.size();
        for (CaptureEvent e : batch) {
            double t = log.secondsSinceStart(e.nanos());
            latestSeconds = Math.max(latestSeconds, t);
            if (e instanceof CaptureEvent.HeartbeatEvent h) {
                heartbeat = true;
                if (h.kind() == CaptureEvent.HeartbeatKind.PONG_RECEIVED && h.rttNanos().isPresent()) {
                    double ms = h.rttNanos().getAsLong() / 1e6;
                    samplesMs.add(ms);
                    points.add(new XYChart.Data<>(t, ms));
                }
            } else if (e instanceof CaptureEvent.MessageEvent) {
                countMessage(t);
            } else if (e instanceof CaptureEvent.NoteEvent n && n.text().startsWith("idle probe: ")) {
                probeResult.setText(n.text());
            }
        }
        rtt.getData().addAll(points);
        for (int i = Math.min(firstChanged, perSecond.size()); i < seconds; i++) {
            if (i < perSecond.size()) {
                perSecond.get(i).setYValue(counts[i]);
            } else {
                perSecond.add(new XYChart.Data<>(i, counts[i]));
            }
        }
        if (perSecond.size() > ratePoints) {
            rate.getData().addAll(perSecond.subList(ratePoints, perSecond.size()));
        }
        firstChanged = Integer.MAX_VALUE;
        if (heartbeat) {
            stats.setText(describe(HeartbeatStats.of(log), log));
        }
        if (!points.isEmpty()) {
            histogram.show(RttHistogram.of(samplesMs));
        }
        alignTimeAxes();
    }

    /** Both charts show 0 … now, so an RTT spike sits right above the message burst that caused it. */
    private void alignTimeAxes() {
        double upper = Math.max(1, Math.ceil(latestSeconds));
        double tick = niceTick(upper / 8);
        for (NumberAxis axis : List.of(rttTime, rateTime)) {
            axis.setLowerBound(0);
            axis.setUpperBound(upper);
            axis.setTickUnit(tick);
        }
    }

    private static double niceTick(double raw) {
        double decade = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-3))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * decade >= raw) {
                return step * decade;
            }
        }
        return 10 * decade;
    }

    private HBox actions() {
        Button probe = new Button("Probe idle timeout");
        probe.setId("probe-idle");
        probe.setTooltip(new Tooltip("Stop our pings and measure how long the server keeps the connection; server "
                + "pings are still answered unless the pong mode is off"));
        probe.setOnAction(e -> probeIdle(Duration.ofSeconds(probeLimitSeconds.getValue())));
        Button storm = new Button("Ping storm");
        storm.setId("ping-storm");
        storm.setOnAction(e -> pingStorm(stormCount.getValue(), Duration.ofMillis(stormIntervalMs.getValue())));
        for (Spinner<Integer> s : List.of(probeLimitSeconds, stormCount, stormIntervalMs)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        stormCount.setId("storm-count");
        stormIntervalMs.setId("storm-interval");
        HBox bar = new HBox(6, probe, new Label("up to"), probeLimitSeconds, new Label("s"), spacer(), storm,
                stormCount, new Label("pings every"), stormIntervalMs, new Label("ms"));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Starts a probe on the selected connection; its result arrives in the log as a note and shows here. */
    /**
     * Our pings' statistics; without pings of ours, what the server's pings got from us instead of "no pings
     * answered" (a heartbeat may well run the other way).
     */
    static String describe(HeartbeatStats ours, CaptureLog log) {
        List<String> unanswered = UnansweredPings.of(log).lines();
        String stats = statistics(ours, log);
        return unanswered.isEmpty() ? stats : stats + "\n" + String.join("\n", unanswered);
    }

    private static String statistics(HeartbeatStats ours, CaptureLog log) {
        if (ours.count() > 0 || ours.missed() > 0) {
            return ours.describe().replaceFirst("^1 pongs:", "1 pong:");
        }
        int serverPings = 0;
        int answered = 0;
        int ourPings = 0;
        for (CaptureEvent e : log.readFrom(0, log.size())) {
            if (e instanceof CaptureEvent.HeartbeatEvent h) {
                serverPings += h.kind() == CaptureEvent.HeartbeatKind.SERVER_PING ? 1 : 0;
                answered += h.kind() == CaptureEvent.HeartbeatKind.PONG_SENT ? 1 : 0;
                ourPings += h.kind() == CaptureEvent.HeartbeatKind.PING_SENT ? 1 : 0;
            }
        }
        if (ourPings > 0) {
            return ours.describe();
        }
        if (serverPings == 0) {
            return "No pings yet: ours are off (ping interval 0), and the server has sent none";
        }
        return String.format(Locale.ROOT, "We send no pings; the server pinged %,d time%s and we answered %,d",
                serverPings, serverPings == 1 ? "" : "s", answered);
    }

    void probeIdle(Duration limit) {
        act(c -> {
            c.probeIdle(limit);
            probeResult.setText("Probing: our pings stopped; waiting up to " + limit.toSeconds() + " s for the "
                    + "server to end the connection…");
        });
    }

    /** Sends a storm on the selected connection; its round trips arrive like any pong. */
    void pingStorm(int count, Duration interval) {
        act(c -> c.pingStorm(count, interval));
    }

    Duration probeLimit() {
        return Duration.ofSeconds(probeLimitSeconds.getValue());
    }

    /** Focuses the storm's count (the connection menu's "Ping storm…"). */
    void focusStorm() {
        stormCount.requestFocus();
    }

    private void act(Consumer<Connection> action) {
        Optional<Connection> c = connection.get();
        if (c.isEmpty()) {
            probeResult.setText("Not a live connection: the lab needs an open connection.");
            return;
        }
        try {
            action.accept(c.get());
        } catch (IllegalStateException | IllegalArgumentException ex) {
            probeResult.setText(ex.getMessage());
        }
    }

    private HBox charts() {
        LineChart<Number, Number> rttChart = new LineChart<>(rttTime, valueAxis());
        rttChart.setId("rtt-chart");
        rttChart.getData().add(rtt);
        LineChart<Number, Number> rateChart = new LineChart<>(rateTime, valueAxis());
        rateChart.setId("rate-chart");
        rateChart.setCreateSymbols(false);
        rateChart.getData().add(rate);
        // The two share one time axis: only the lower one labels it; the RTT gets the larger share of the height.
        rttTime.setTickLabelsVisible(false);
        for (LineChart<Number, Number> chart : List.of(rttChart, rateChart)) {
            chart.setMinHeight(70);
            chart.setPadding(new Insets(2, 8, 2, 2));
            VBox.setVgrow(chart, Priority.ALWAYS);
        }
        rttChart.setPrefHeight(180);
        rateChart.setPrefHeight(90);
        Label overTimeTitle = new Label("RTT (ms, ping → pong) above messages/s, both directions — time (s) since "
                + "connect");
        overTimeTitle.getStyleClass().add("detail-heading");
        histogram.setId("rtt-histogram");
        Label title = new Label("RTT distribution (ms)");
        title.getStyleClass().add("detail-heading");
        stats.setWrapText(true);
        stats.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(histogram, Priority.ALWAYS);
        VBox distribution = new VBox(4, title, stats, histogram);
        distribution.setPrefWidth(320);
        distribution.setMinWidth(220);
        for (XYChart<?, ?> chart : List.of(rttChart, rateChart)) {
            chart.setAnimated(false);
            chart.setLegendVisible(false);
        }
        VBox overTime = new VBox(0, overTimeTitle, rttChart, rateChart);
        HBox.setHgrow(overTime, Priority.ALWAYS);
        HBox box = new HBox(8, overTime, distribution);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private static NumberAxis timeAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setAutoRanging(false);
        axis.setLowerBound(0);
        axis.setUpperBound(1);
        return axis;
    }

    /** Same width on both charts, so their plot areas — and their time axes — line up. */
    private static NumberAxis valueAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setMinWidth(AXIS_WIDTH);
        axis.setPrefWidth(AXIS_WIDTH);
        return axis;
    }

    private static Region spacer() {
        Region r = new Region();
        r.setMinWidth(16);
        HBox.setHgrow(r, Priority.SOMETIMES);
        return r;
    }
}
