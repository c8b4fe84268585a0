package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.EventVisitor;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.PulseListener;
import dev.framescope.wire.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The frames of the selected connection, appended once per pulse in one batch from its capture log (the engine
 * threads never touch this). Rows are places in the log ({@link FrameRows}): a frame's event is read back from the
 * log when a view asks for it.
 */
public final class TimelineModel implements PulseListener {

    /**
     * Events drained per pulse at most ({@link Drains}: fewer once the pulse has spent its time), so one pulse stays
     * short however far behind the view is; and events other than a plain frame's (built, so dearer).
     */
    static final int MAX_PER_PULSE = 40_000;
    static final int MAX_EVENTS_PER_PULSE = 6_000;

    private final FrameRows frames = new FrameRows();
    private final ObservableList<CaptureEvent.MessageEvent> messages = FXCollections.observableArrayList();
    /** Frames and messages taken out of the view by Clear View: numbering goes on after them. */
    private long framesCleared;
    private long messagesCleared;
    private final ReadOnlyLongWrapper captured = new ReadOnlyLongWrapper();
    private Optional<CaptureLog> log = Optional.empty();
    private int next;
    private final TimelineDrain drain = new TimelineDrain(this);

    /** The frames of one fragmented message: how many so far, whether the last has come, whether it is folded. */
    public static final class FragmentGroup {
        private final long firstSeq;
        private int frames;
        private boolean complete;
        private boolean collapsed;

        FragmentGroup(long firstSeq) {
            this.firstSeq = firstSeq;
        }

        public long firstSeq() {
            return firstSeq;
        }

        public int frames() {
            return frames;
        }

        public boolean complete() {
            return complete;
        }

        public boolean collapsed() {
            return collapsed;
        }
    }

    /** Where a frame sits in its fragmented message: the group and its 1-based place. */
    public record Fragment(FragmentGroup group, int index) {
        public boolean first() {
            return index == 1;
        }

        /** "▾ 1/3" on the first fragment (▸ and the count when folded), "└ 2/3" on the others; "…" until the last. */
        public String label() {
            String total = group.complete ? Integer.toString(group.frames) : "…";
            if (first()) {
                return group.collapsed ? "▸ " + total + " frames" : "▾ 1/" + total;
            }
            return "└ " + index + "/" + total;
        }
    }

    /** Fragments of messages sent in several frames, by frame seq (unfragmented frames have none). */
    private final Map<Long, Fragment> fragments = new HashMap<>();
    /** Per direction: the fragmented message still open, and the fragment the latest data frame belongs to. */
    private final FragmentGroup[] openGroup = new FragmentGroup[2];
    private final Fragment[] current = new Fragment[2];
    private int collapsedGroups;
    private final ReadOnlyLongWrapper fragmentsChanged = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper foldsChanged = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper relayMarks = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper relayMarked = new ReadOnlyBooleanWrapper();

    public ObservableList<CaptureEvent.FrameEvent> frames() {
        return frames;
    }

    /**
     * Visits the frames of rows {@code from} (inclusive) to {@code to} as {@link CaptureLog#visit} does: a plain
     * frame's event unbuilt. For a view that counts the frames (the time strip) without reading each back.
     */
    void visitRows(int from, int to, EventVisitor visitor) {
        if (from >= to || log.isEmpty()) {
            return;
        }
        // The rows are every frame of the log between the first's seq and the last's, in order (the model appends
        // them all): one visit of that stretch, minus its other events, is the rows'.
        int first = (int) frames.seqAt(from);
        int last = (int) frames.seqAt(to - 1);
        log.get().visit(first, last - first + 1, Integer.MAX_VALUE, new EventVisitor() {
            @Override
            public void event(CaptureEvent e) {
                if (e instanceof CaptureEvent.FrameEvent) {
                    visitor.event(e);
                }
            }

            @Override
            public void plain(int seq, boolean message, long nanos, boolean out, boolean text) {
                if (!message) {
                    visitor.plain(seq, false, nanos, out, text);
                }
            }
        });
    }

    /** The same rows, as places in the log: for a filter that reads them off the FX thread. */
    FrameRows frameRows() {
        return frames;
    }

    private boolean messagesShown;
    /** Where the messages already captured are read when the Messages view opens: off the FX thread. */
    private Background reader = Background.sameThread();
    private Optional<Background.Job> readingMessages = Optional.empty();
    private final ReadOnlyBooleanWrapper messagesLoading = new ReadOnlyBooleanWrapper();

    /** The window's background executor, for reading back the messages already captured (tests: at once). */
    public void readMessagesWith(Background value) {
        reader = value;
    }

    /**
     * Collects messages only while the Messages view is shown: a second list growing with a firehose costs pulse
     * time. Turning it on catches up from the log once, on the background executor (a million messages are two
     * million events to read back, some perhaps from the spill file); the messages that arrive meanwhile are
     * collected as usual, after them.
     */
    public void setMessagesShown(boolean shown) {
        messagesShown = shown;
        messages.clear();
        messagesCleared = 0;
        stopReadingMessages();
        if (shown && log.isPresent()) {
            CaptureLog from = log.get();
            int upTo = next;
            messagesLoading.set(true);
            Background.Job job = reader.submit(() -> messagesOf(from, upTo), all -> {
                messagesLoading.set(false);
                if (messagesShown && log.equals(Optional.of(from))) {
                    messages.addAll(0, all);
                }
            });
            readingMessages = job.isDone() ? Optional.empty() : Optional.of(job);
        }
    }

    /** Whether the messages already captured are still being read back for the Messages view. */
    public ReadOnlyBooleanProperty messagesLoadingProperty() {
        return messagesLoading.getReadOnlyProperty();
    }

    private void stopReadingMessages() {
        readingMessages.ifPresent(Background.Job::cancel);
        readingMessages = Optional.empty();
        messagesLoading.set(false);
    }

    /** The message events among the log's first {@code upTo} events, read a slice at a time. */
    private static List<CaptureEvent.MessageEvent> messagesOf(CaptureLog log, int upTo) {
        List<CaptureEvent.MessageEvent> all = new ArrayList<>();
        for (int at = 0; at < upTo; at += READ_SLICE) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("the Messages view was closed");
            }
            for (CaptureEvent e : log.readFrom(at, Math.min(READ_SLICE, upTo - at))) {
                if (e instanceof CaptureEvent.MessageEvent m) {
                    all.add(m);
                }
            }
        }
        return all;
    }

    private static final int READ_SLICE = 65_536;

    /** Reassembled messages of the selected connection, in order (the Messages view). */
    public ObservableList<CaptureEvent.MessageEvent> messages() {
        return messages;
    }

    public Optional<CaptureLog> log() {
        return log;
    }

    /** The frame's place in a fragmented message, if it is a fragment. */
    public Optional<Fragment> fragment(CaptureEvent.FrameEvent f) {
        return fragments.isEmpty() ? Optional.empty() : Optional.ofNullable(fragments.get(f.seq()));
    }

    /** Folds or unfolds the message whose first fragment is {@code f}: folded, only its first frame is shown. */
    public void toggleCollapsed(CaptureEvent.FrameEvent f) {
        fragment(f).filter(Fragment::first).ifPresent(fr -> setCollapsed(fr.group(), !fr.group().collapsed));
    }

    /** Folds (or unfolds) every fragmented message seen so far. */
    public void setAllCollapsed(boolean collapsed) {
        fragments.values().stream().map(Fragment::group).distinct().forEach(g -> setCollapsed(g, collapsed));
    }

    private void setCollapsed(FragmentGroup g, boolean collapsed) {
        if (g.collapsed != collapsed) {
            g.collapsed = collapsed;
            collapsedGroups += collapsed ? 1 : -1;
            fragmentsChanged.set(fragmentsChanged.get() + 1);
            foldsChanged.set(foldsChanged.get() + 1);
        }
    }

    /** Whether any fragmented message is folded (the view then needs a filtered list). */
    public boolean anyCollapsed() {
        return collapsedGroups > 0;
    }

    /** False for the later fragments of a folded message. */
    public boolean visibleWhenFolded(CaptureEvent.FrameEvent f) {
        return visibleWhenFolded(f.seq());
    }

    /** As {@link #visibleWhenFolded(CaptureEvent.FrameEvent)}, by the frame's seq: nothing is read. */
    public boolean visibleWhenFolded(long seq) {
        Fragment fr = collapsedGroups == 0 ? null : fragments.get(seq);
        return fr == null || fr.first() || !fr.group().collapsed;
    }

    /** Changes when a message is folded or unfolded (the rows shown change). */
    public ReadOnlyLongProperty foldsChangedProperty() {
        return foldsChanged.getReadOnlyProperty();
    }

    /** Changes when a message is folded or unfolded, or a fragmented message gets its last frame (labels change). */
    public ReadOnlyLongProperty fragmentsChangedProperty() {
        return fragmentsChanged.getReadOnlyProperty();
    }

    /** A whole frame came in direction {@code d}: it ends whatever fragmented message that direction had open. */
    void wholeFrame(Direction d) {
        openGroup[d.ordinal()] = null;
        current[d.ordinal()] = null;
    }

    boolean track(CaptureEvent.FrameEvent f) {
        int d = f.dir().ordinal();
        if (!f.isFirstChunk()) {
            if (current[d] != null) {
                fragments.put(f.seq(), current[d]);
            }
            return false;
        }
        Opcode op = f.header().opcode();
        if (op.isControl()) {
            return false;
        }
        if (op == Opcode.CONTINUATION) {
            FragmentGroup g = openGroup[d];
            if (g == null) {
                current[d] = null;
                return false;
            }
            g.frames++;
            current[d] = new Fragment(g, g.frames);
            fragments.put(f.seq(), current[d]);
            if (f.header().fin()) {
                g.complete = true;
                openGroup[d] = null;
                return true;
            }
            return false;
        }
        if (f.header().fin()) {
            openGroup[d] = null;
            current[d] = null;
            return false;
        }
        FragmentGroup g = new FragmentGroup(f.seq());
        g.frames = 1;
        openGroup[d] = g;
        current[d] = new Fragment(g, 1);
        fragments.put(f.seq(), current[d]);
        return false;
    }

    /** Frames in the capture log (in and out); {@code frames().size()} is how many the view has taken. */
    public ReadOnlyLongProperty capturedProperty() {
        return captured.getReadOnlyProperty();
    }

    public void show(Optional<CaptureLog> selected) {
        log.ifPresent(was -> was.readingAt(-1));
        log = selected;
        next = 0;
        log.ifPresent(now -> now.readingAt(0));
        fragments.clear();
        Arrays.fill(openGroup, null);
        Arrays.fill(current, null);
        collapsedGroups = 0;
        relayMarked.set(false);
        frames.from(selected);
        messages.clear();
        framesCleared = 0;
        messagesCleared = 0;
        if (messagesShown) {
            setMessagesShown(true);
        }
        onPulse(0);
    }

    /** Empties the view; frames captured from now on appear (the capture itself keeps everything). */
    public void clearView() {
        stopReadingMessages();
        framesCleared += frames.size();
        messagesCleared += messages.size();
        frames.clear();
        messages.clear();
    }

    /** Frame #n of this connection: frames are numbered on their own, from 1, not with the log's events. */
    public long frameNumber(CaptureEvent.FrameEvent f) {
        return framesCleared + indexBySeq(frames, f.seq()) + 1;
    }

    /** The number the frame (or message, with {@code message}) of this seq has in its view. */
    long numberOf(long seq, boolean message) {
        return message ? messagesCleared + indexBySeq(messages, seq) + 1 : framesCleared + indexBySeq(frames, seq) + 1;
    }

    /** Changes when the proxy marks a frame or message already shown (an original held, then replaced). */
    public ReadOnlyLongProperty relayMarksProperty() {
        return relayMarks.getReadOnlyProperty();
    }

    /** Whether the proxy marked any frame of the shown connection: the views then show their Proxy column. */
    public ReadOnlyBooleanProperty relayMarkedProperty() {
        return relayMarked.getReadOnlyProperty();
    }

    /** Message #m of this connection, numbered on its own from 1. */
    public long messageNumber(CaptureEvent.MessageEvent m) {
        return messagesCleared + indexBySeq(messages, m.seq()) + 1;
    }

    /** Where the event with this seq is in a list in log order (binary search; the lists only grow at the end). */
    static int indexBySeq(List<? extends CaptureEvent> events, long seq) {
        int lo = 0;
        int hi = events.size() - 1;
        FrameRows rows = events instanceof FrameRows r ? r : null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = rows != null ? rows.seqAt(mid) : events.get(mid).seq();
            if (at < seq) {
                lo = mid + 1;
            } else if (at > seq) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return lo;
    }

    @Override
    public void onPulse(long nowNanos) {
        if (log.isEmpty()) {
            return;
        }
        CaptureLog l = log.get();
        drain.start(l, messagesShown);
        // With the Messages view open every message is built: then the smaller batch.
        int read = Drains.visit(l, next, messagesShown ? MAX_EVENTS_PER_PULSE : MAX_PER_PULSE, MAX_EVENTS_PER_PULSE,
                drain);
        if (read == 0) {
            return;
        }
        next += read;
        l.readingAt(next);
        frames.append(drain.seqs, drain.events, drain.frames);
        if (drain.completedGroup) {
            fragmentsChanged.set(fragmentsChanged.get() + 1);
        }
        if (!drain.completed.isEmpty()) {
            messages.addAll(drain.completed);
        }
        if (drain.relayed) {
            relayMarked.set(true);
        }
        if (drain.marked) {
            relayMarks.set(relayMarks.get() + 1);
        }
        var c = l.counters();
        captured.set(c.framesIn() + c.framesOut());
    }
}
