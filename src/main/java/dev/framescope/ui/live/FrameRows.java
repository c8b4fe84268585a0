package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureLog;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The timeline's frames as a list that holds only their place in the capture log (4 bytes a row): a row's event is
 * read back from the log when it is asked for, and up to {@link #KEPT} are kept. Holding the events
 * themselves (about 180 bytes a frame with their header, stamp and payload reference) made the window's memory grow
 * with the file it opened, and the collector's pauses with it; the log already keeps every frame, compactly, within
 * its budget. A row read twice is an equal event (events are records), so selection and lookups by value still
 * work. FX thread only.
 */
final class FrameRows extends UniqueRows<FrameEvent> {

    /**
     * Rows kept as events: the newest (which the tail, the time strip and the detail tabs read) and those in view.
     * A power of two: a row's slot is its number's low bits.
     */
    static final int KEPT = 16_384;

    private Optional<CaptureLog> log = Optional.empty();
    private int[] seqs = new int[1024];
    private int size;
    /**
     * Rows kept as events, each in the slot of its row number modulo {@link #KEPT}: after appends the newest rows,
     * and a row read since in the slot it shares with them. An array, not a map: no entry or boxed key per row.
     */
    private final FrameEvent[] kept = new FrameEvent[KEPT];
    private int keptCount;

    /** The log the rows are read from, from now on: the rows are cleared. */
    void from(Optional<CaptureLog> source) {
        clear();
        forgetKept();
        log = source;
    }

    @Override
    public FrameEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        int seq = seqs[index];
        FrameEvent f = kept[index & (KEPT - 1)];
        if (f == null || f.seq() != seq) {
            f = (FrameEvent) log.orElseThrow().get(seq);
            keep(index, f);
        }
        return f;
    }

    private void keep(int index, FrameEvent f) {
        int slot = index & (KEPT - 1);
        if (kept[slot] == null) {
            keptCount++;
        }
        kept[slot] = f;
    }

    private void forgetKept() {
        Arrays.fill(kept, null);
        keptCount = 0;
    }

    /**
     * A frame's row by its seq (rows are in log order), without reading any event: selecting or revealing a frame in
     * a table of a million rows must not read them all back.
     */
    @Override
    public int indexOf(Object o) {
        if (!(o instanceof FrameEvent f)) {
            return -1;
        }
        int at = Arrays.binarySearch(seqs, 0, size, (int) f.seq());
        return at >= 0 && log.map(l -> l.connectionId() == f.stamp().connectionId()).orElse(false) ? at : -1;
    }

    /** The log seq of row {@code index}, without reading its event. */
    long seqAt(int index) {
        return seqs[index];
    }

    /** The seqs of the first {@code n} rows, a copy: what a filter running off the FX thread reads. */
    int[] seqsTo(int n) {
        return Arrays.copyOf(seqs, n);
    }

    /** How many rows are held as events now (at most {@link #KEPT}). */
    int eventsKept() {
        return keptCount;
    }

    @Override
    public int size() {
        return size;
    }

    /** Appends frames of the log, in log order, as one change. */
    void append(List<FrameEvent> added) {
        int[] addedSeqs = new int[added.size()];
        for (int i = 0; i < addedSeqs.length; i++) {
            addedSeqs[i] = Math.toIntExact(added.get(i).seq());
        }
        append(addedSeqs, added.toArray(new FrameEvent[0]), addedSeqs.length);
    }

    /**
     * Appends {@code n} frames of the log, in log order, as one change: their seqs, each with its event if it was
     * built already (kept, as the newest), else null (a plain frame's, read back when a view asks for its row).
     */
    void append(int[] addedSeqs, FrameEvent[] events, int n) {
        if (n == 0) {
            return;
        }
        if (size + n > seqs.length) {
            seqs = Arrays.copyOf(seqs, Math.max(seqs.length * 2, size + n));
        }
        int from = size;
        for (int i = 0; i < n; i++) {
            if (events[i] != null) {
                keep(size, events[i]);
            }
            seqs[size++] = addedSeqs[i];
        }
        beginChange();
        nextAdd(from, size);
        endChange();
    }

    @Override
    public void clear() {
        if (size == 0) {
            return;
        }
        int[] gone = Arrays.copyOf(seqs, size);
        Optional<CaptureLog> read = log;
        size = 0;
        forgetKept();
        // The removed rows, read only if a listener asks for them.
        fireCleared(new AbstractList<FrameEvent>() {
            @Override
            public FrameEvent get(int i) {
                return (FrameEvent) read.orElseThrow().get(gone[i]);
            }

            @Override
            public int size() {
                return gone.length;
            }
        });
    }
}
