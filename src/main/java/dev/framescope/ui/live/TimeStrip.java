package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Direction;
import dev.framescope.capture.EventVisitor;
import dev.framescope.ui.fx.PulseListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;

/**
 * Traffic over time above the timeline: frames per second by direction (server above the axis, ours below), pings
 * and pongs as green ticks, violations in red. Redrawn a few times a second from the frames the timeline already
 * holds; a click jumps to the first frame of that second.
 */
public final class TimeStrip extends Region implements PulseListener {

    static final double HEIGHT = 64;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final double MAX_COLUMN = 24;
    private static final int MAX_ROWS_PER_PULSE = 8_192;

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

    /** A brushed range of seconds, inclusive. */
    public interface RangeListener {
        void selected(long fromSecond, long toSecond);
    }

    private double pressX = -1;
    private double dragX = -1;
    /** The legend's column at the left: the bars start right of it, so no label covers a second. */
    private double gutter;
    /** The duration's column at the right. */
    private double rightGutter;

    public TimeStrip(TimelineModel model, LongConsumer jumpToSecond, RangeListener range) {
        this.model = model;
        setId("time-strip");
        getStyleClass().add("time-strip");
        setPrefHeight(HEIGHT);
        setMinHeight(HEIGHT);
        getChildren().add(canvas);
        canvas.setOnMousePressed(e -> {
            pressX = e.getX();
            dragX = -1;
        });
        canvas.setOnMouseDragged(e -> {
            dragX = e.getX();
            draw();
        });
        canvas.setOnMouseReleased(e -> {
            long from = second(Math.min(pressX, e.getX()));
            long to = second(Math.max(pressX, e.getX()));
            if (Math.abs(e.getX() - pressX) > 4) {
                range.selected(from, to);
            } else {
                jumpToSecond.accept(from);
            }
            pressX = -1;
            dragX = -1;
            draw();
        });
        widthProperty().addListener((o, a, b) -> dirty = true);
    }

    private long second(double x) {
        int n = Math.max(1, seconds.size());
        return (long) Math.max(0, Math.min(n - 1, (x - gutter) / column(canvas.getWidth() - gutter - rightGutter, n)));
    }

    /** A second's width: the strip's width shared out, but never wider than a bar should be. */
    private static double column(double width, int n) {
        return Math.max(0.5, Math.min(MAX_COLUMN, width / Math.max(1, n)));
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
            // A bounded stretch a pulse: the rest on the next (the strip redraws a few times a second anyway).
            int to = Math.min(frames.size(), consumed + MAX_ROWS_PER_PULSE);
            model.visitRows(consumed, to, new EventVisitor() {
                @Override
                public void event(CaptureEvent e) {
                    FrameEvent f = (FrameEvent) e;
                    Second b = second(log.secondsSinceStart(f.nanos()), f.dir() == Direction.OUT);
                    if (f.header().opcode().isControl()) {
                        b.control++;
                    }
                    if (!f.findings().isEmpty()) {
                        b.violations++;
                    }
                }

                @Override
                public void plain(int seq, boolean message, long nanos, boolean out, boolean text) {
                    second(log.secondsSinceStart(nanos), out);
                }
            });
            consumed = to;
            dirty = true;
        }
        if (dirty && nowNanos - lastDraw >= REDRAW_NANOS) {
            lastDraw = nowNanos;
            dirty = false;
            draw();
        }
    }

    /** Counts a frame in its second and returns that second. */
    private Second second(double sinceStart, boolean out) {
        int s = (int) Math.max(0, sinceStart);
        while (seconds.size() <= s) {
            seconds.add(new Second());
        }
        Second b = seconds.get(s);
        if (out) {
            b.out++;
        } else {
            b.in++;
        }
        return b;
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
        String server = "← server  " + max + "/s";
        String client = "→ client";
        String duration = n + " s";
        gutter = Math.max(textWidth(g, server), textWidth(g, client)) + 14;
        rightGutter = textWidth(g, duration) + 14;
        double col = column(w - gutter - rightGutter, n);
        for (int i = 0; i < n; i++) {
            Second s = seconds.get(i);
            double x = gutter + i * col;
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
        g.strokeLine(gutter, mid, w - rightGutter, mid);
        if (pressX >= 0 && dragX >= 0) {
            g.setFill(Color.web("#bf8700", 0.25));
            g.fillRect(Math.min(pressX, dragX), 0, Math.abs(dragX - pressX), h);
        }
        label(g, server, 6, mid - 6, false);
        label(g, client, 6, mid + 16, false);
        label(g, duration, w - 6, mid + 5, true);
    }

    /** A legend in a gutter beside the bars, in a grey that reads on the light and the dark theme alike. */
    private static void label(GraphicsContext g, String text, double x, double baseline, boolean alignRight) {
        double tw = textWidth(g, text);
        g.setFill(Color.gray(0.55));
        g.fillText(text, alignRight ? x - tw : x, baseline);
    }

    private static double textWidth(GraphicsContext g, String text) {
        Text probe = new Text(text);
        probe.setFont(g.getFont());
        return probe.getLayoutBounds().getWidth();
    }
}
