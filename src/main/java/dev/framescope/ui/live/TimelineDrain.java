package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.EventVisitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One pulse's new events for the {@link TimelineModel}: the frames as seqs (with their events when built already),
 * the messages the Messages view shows, what changed. A plain frame's events are not built (a file of a million
 * frames would build two million here); the table reads a row's frame back when it shows it. Its arrays are kept
 * from pulse to pulse. FX thread only.
 */
final class TimelineDrain implements EventVisitor {
    private final TimelineModel model;
    private CaptureLog log;
    private boolean messagesShown;
    int[] seqs = new int[1024];
    CaptureEvent.FrameEvent[] events = new CaptureEvent.FrameEvent[1024];
    int frames;
    final List<CaptureEvent.MessageEvent> completed = new ArrayList<>();
    boolean completedGroup;
    /** A relay event came (the proxy recorded this connection); {@link #marked}: one that held a frame back. */
    boolean relayed;
    boolean marked;

    TimelineDrain(TimelineModel model) {
        this.model = model;
    }

    /** Empties the drain for a batch of {@code from}'s events. */
    void start(CaptureLog from, boolean withMessages) {
        log = from;
        messagesShown = withMessages;
        Arrays.fill(events, 0, frames, null);
        frames = 0;
        completed.clear();
        completedGroup = false;
        relayed = false;
        marked = false;
    }

    @Override
    public void event(CaptureEvent e) {
        if (e instanceof CaptureEvent.FrameEvent f) {
            completedGroup |= model.track(f);
            add((int) f.seq(), f);
        } else if (messagesShown && e instanceof CaptureEvent.MessageEvent m) {
            completed.add(m);
        } else if (e instanceof CaptureEvent.RelayEvent r) {
            relayed = true;
            marked |= !r.forwarded();
        }
    }

    @Override
    public void plain(int seq, boolean message, long nanos, boolean out, boolean text) {
        if (!message) {
            model.wholeFrame(out ? Direction.OUT : Direction.IN);
            add(seq, null);
        } else if (messagesShown) {
            completed.add((CaptureEvent.MessageEvent) log.get(seq));
        }
    }

    private void add(int seq, CaptureEvent.FrameEvent f) {
        if (frames == seqs.length) {
            seqs = Arrays.copyOf(seqs, frames * 2);
            events = Arrays.copyOf(events, frames * 2);
        }
        seqs[frames] = seq;
        events[frames++] = f;
    }
}
