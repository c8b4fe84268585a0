package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.ui.fx.PulseListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The frames of the selected connection, appended once per pulse in one batch from its capture log (the engine
 * threads never touch this). Rows are the log's own frame events: nothing is copied per frame.
 */
public final class TimelineModel implements PulseListener {

    /** Events drained per pulse at most, so one pulse stays short however far behind the view is. */
    static final int MAX_PER_PULSE = 10_000;

    private final ObservableList<CaptureEvent.FrameEvent> frames = FXCollections.observableArrayList();
    private final ObservableList<CaptureEvent.MessageEvent> messages = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper captured = new ReadOnlyLongWrapper();
    private Optional<CaptureLog> log = Optional.empty();
    private int next;

    public ObservableList<CaptureEvent.FrameEvent> frames() {
        return frames;
    }

    private boolean messagesShown;

    /**
     * Collects messages only while the Messages view is shown: a second list growing with a firehose costs pulse
     * time. Turning it on catches up from the log once.
     */
    public void setMessagesShown(boolean shown) {
        messagesShown = shown;
        messages.clear();
        if (shown && log.isPresent()) {
            List<CaptureEvent.MessageEvent> all = new ArrayList<>();
            for (CaptureEvent e : log.get().readFrom(0, next)) {
                if (e instanceof CaptureEvent.MessageEvent m) {
                    all.add(m);
                }
            }
            messages.setAll(all);
        }
    }

    /** Reassembled messages of the selected connection, in order (the Messages view). */
    public ObservableList<CaptureEvent.MessageEvent> messages() {
        return messages;
    }

    public Optional<CaptureLog> log() {
        return log;
    }

    /** Frames in the capture log (in and out); {@code frames().size()} is how many the view has taken. */
    public ReadOnlyLongProperty capturedProperty() {
        return captured.getReadOnlyProperty();
    }

    public void show(Optional<CaptureLog> selected) {
        log = selected;
        next = 0;
        frames.clear();
        messages.clear();
        if (messagesShown) {
            setMessagesShown(true);
        }
        onPulse(0);
    }

    /** Empties the view; frames captured from now on appear (the capture itself keeps everything). */
    public void clearView() {
        frames.clear();
        messages.clear();
    }

    @Override
    public void onPulse(long nowNanos) {
        if (log.isEmpty()) {
            return;
        }
        CaptureLog l = log.get();
        List<CaptureEvent> batch = l.readFrom(next, MAX_PER_PULSE);
        if (batch.isEmpty()) {
            return;
        }
        next += batch.size();
        List<CaptureEvent.FrameEvent> added = new ArrayList<>(batch.size());
        List<CaptureEvent.MessageEvent> completed = new ArrayList<>();
        for (CaptureEvent e : batch) {
            if (e instanceof CaptureEvent.FrameEvent f) {
                added.add(f);
            } else if (messagesShown && e instanceof CaptureEvent.MessageEvent m) {
                completed.add(m);
            }
        }
        frames.addAll(added);
        if (!completed.isEmpty()) {
            messages.addAll(completed);
        }
        var c = l.counters();
        captured.set(c.framesIn() + c.framesOut());
    }
}
