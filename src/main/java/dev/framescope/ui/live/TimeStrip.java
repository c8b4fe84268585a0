package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Direction;
import dev.framescope.ui.fx.PulseListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * Traffic over time above the timeline: frames per second by direction (server above the axis, ours below), pings
 * and pongs as green ticks, violations in red. Redrawn a few times a second from the frames the timeline already
 * holds; a click jumps to the first frame of that second.
 */
public final class TimeStrip extends Region implements PulseListener {

    static final double HEIGHT = 64;
    private static final long REDRAW_NANOS = 200_000_000L;

    /** Counts for one second of the connection. */
    static final class Second {
        int in;
        int out;
        int control;
        int violations;
    }

    private final Canvas canvas = new Canvas();
    private final TimelineModel model;
    private final List<Second> seconds = new ArrayList<>();
    private int consumed;
    private long lastDraw;
    private boolean dirty = true;

    public TimeStrip(TimelineModel model, LongConsumer jumpToSecond) {
        this.model = model;
        setId("time-strip");
        getStyleClass().add("time-strip");
        setPrefHeight(HEIGHT);
        setMinHeight(HEIGHT);
        getChildren().add(canvas);
        canvas.setOnMouseClicked(e -> {
            int n = Math.max(1, seconds.size());
            jumpToSecond.accept((long) (e.getX() / Math.max(1, canvas.getWidth()) * n));
        });
        widthProperty().addListener((o, a, b) -> dirty = true);
    }

    /** Forgets the counts (another connection was selected). */
    public void reset() {
        seconds.clear();
        consumed = 0;
        dirty = true;
    }

    List<Second> seconds() {
        return seconds;
    }

    @Override
    public void onPulse(long nowNanos) {
        List<FrameEvent> frames = model.frames();
        if (frames.size() < consumed) {
            reset();
        }
        if (model.log().isPresent() && consumed < frames.size()) {
            var log = model.log().get();
            for (int i = consumed; i < frames.size(); i++) {
                FrameEvent f = frames.get(i);
                int s = (int) Math.max(0, log.secondsSinceStart(f.nanos()));
                while (seconds.size() <= s) {
                    seconds.add(new Second());
                }
                Second b = seconds.get(s);
                if (f.dir() == Direction.IN) {
                    b.in++;
                } else {
                    b.out++;
                }
                if (f.header().opcode().isControl()) {
                    b.control++;
                }
                if (!f.findings().isEmpty()) {
                    b.violations++;
                }
            }
            consumed = frames.size();
            dirty = true;
        }
        if (dirty && nowNanos - lastDraw >= REDRAW_NANOS) {
            lastDraw = nowNanos;
            dirty = false;
            draw();
        }
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        dirty = true;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFill(Color.gray(0.5, 0.08));
        g.fillRect(0, 0, w, h);
        if (seconds.isEmpty() || w <= 0) {
            return;
        }
        int n = seconds.size();
        double mid = h / 2;
        int max = 1;
        for (Second s : seconds) {
            max = Math.max(max, Math.max(s.in, s.out));
        }
        double col = w / n;
        for (int i = 0; i < n; i++) {
            Second s = seconds.get(i);
            double x = i * col;
            double bw = Math.max(1, col - 1);
            g.setFill(Color.web("#0969da", 0.55));
            double hin = (mid - 8) * s.in / max;
            g.fillRect(x, mid - hin, bw, hin);
            g.setFill(Color.web("#8250df", 0.55));
            double hout = (mid - 8) * s.out / max;
            g.fillRect(x, mid, bw, hout);
            if (s.control > 0) {
                g.setFill(Color.web("#1a7f37"));
                g.fillRect(x, h - 4, bw, 4);
            }
            if (s.violations > 0) {
                g.setFill(Color.web("#cf222e"));
                g.fillRect(x, 0, bw, 5);
            }
        }
        g.setStroke(Color.gray(0.6));
        g.strokeLine(0, mid, w, mid);
        g.setFill(Color.gray(0.2));
        g.fillText("← server  " + max + "/s", 6, 14);
        g.fillText("→ client", 6, h - 8);
        g.fillText(n + " s", w - 44, 14);
    }
}
