package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureLog;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;

/**
 * The frames a filter lets through, as positions in the timeline's rows ({@link FrameRows}). The rows there at the
 * start are matched by {@link #scan} off the FX thread (a filter over a million frames reads every one back from
 * the capture, payloads included, which would stall the window for seconds); the frames that arrive afterwards are
 * matched here, on the FX thread, as they come. A fold hides rows by their seq alone, without reading them.
 * FX thread only, but for {@link #scan}.
 */
final class FilteredRows extends ObservableListBase<FrameEvent> {

    /** What a scan found: the positions of the matching rows among the first {@code scanned}. */
    record Matches(int[] rows, int count, int scanned) {
    }

    private final FrameRows source;
    private final Predicate<FrameEvent> filter;
    private final LongPredicate shownWhenFolded;
    private int[] rows;
    private int size;
    /** Rows of the source looked at so far: every later one is new. */
    private int scanned;
    private final ListChangeListener<FrameEvent> follow = this::sourceChanged;
    /** Asked for when the source gained more rows at once than are matched on the FX thread. */
    private final Runnable rescan;

    /**
     * @param filter          the filter (no fold), as {@link #scan} applied it
     * @param shownWhenFolded whether a frame, by its seq, shows with the folds as they are (FX thread state)
     * @param found           the scan's result over the source's first rows ({@link #none()}: match them here)
     * @param rescan          run instead of matching when the source gains more than {@link
     *                        FilterBar#FILTER_ON_FX_THREAD} rows at once (another connection's frames), so that a
     *                        scan off the FX thread replaces these rows
     */
    FilteredRows(FrameRows source, Predicate<FrameEvent> filter, LongPredicate shownWhenFolded, Matches found,
            Runnable rescan) {
        this.source = source;
        this.rescan = rescan;
        this.filter = filter;
        this.shownWhenFolded = shownWhenFolded;
        this.rows = new int[Math.max(16, found.count())];
        for (int i = 0; i < found.count(); i++) {
            int row = found.rows()[i];
            if (shownWhenFolded.test(source.seqAt(row))) {
                rows[size++] = row;
            }
        }
        scanned = found.scanned();
        catchUp();
        source.addListener(follow);
    }

    /**
     * The rows among the source's first {@code seqs.length} whose frames pass {@code filter}, read from {@code log}:
     * for a background thread. {@code progress[0]} counts the rows looked at; an interrupt stops the scan.
     */
    static Matches scan(CaptureLog log, int[] seqs, Predicate<FrameEvent> filter, int[] progress) {
        int[] found = new int[1024];
        int count = 0;
        for (int i = 0; i < seqs.length; i++) {
            if ((i & 4095) == 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("filter cancelled");
                }
                progress[0] = i;
            }
            if (filter.test((FrameEvent) log.get(seqs[i]))) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i;
            }
        }
        progress[0] = seqs.length;
        return new Matches(found, count, seqs.length);
    }

    /** Nothing matched yet: the rows are matched where they are made. */
    static Matches none() {
        return new Matches(new int[0], 0, 0);
    }

    /** Matches of the fold alone, by seq: no frame is read. */
    static Matches all(FrameRows source) {
        int[] every = new int[source.size()];
        Arrays.setAll(every, i -> i);
        return new Matches(every, every.length, every.length);
    }

    /** Stops following the source (the filter changed). */
    void dispose() {
        source.removeListener(follow);
    }

    @Override
    public FrameEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        return source.get(rows[index]);
    }

    @Override
    public int size() {
        return size;
    }

    /** A frame's row here, by its row in the source: no frame is read. */
    @Override
    public int indexOf(Object o) {
        int at = source.indexOf(o);
        if (at < 0) {
            return -1;
        }
        int here = Arrays.binarySearch(rows, 0, size, at);
        return here >= 0 ? here : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    private void sourceChanged(ListChangeListener.Change<? extends FrameEvent> c) {
        List<? extends FrameEvent> gone = null;
        while (c.next()) {
            if (c.wasRemoved()) {
                gone = c.getRemoved(); // the source only ever clears: another connection is shown
            }
        }
        if (gone != null) {
            int[] was = Arrays.copyOf(rows, size);
            List<? extends FrameEvent> removed = gone;
            size = 0;
            scanned = 0;
            if (was.length > 0) {
                beginChange();
                // The rows gone, read only if a listener asks for them (as the source's own change does).
                nextRemove(0, new AbstractList<FrameEvent>() {
                    @Override
                    public FrameEvent get(int i) {
                        return removed.get(was[i]);
                    }

                    @Override
                    public int size() {
                        return was.length;
                    }
                });
                endChange();
            }
        }
        if (source.size() - scanned > FilterBar.FILTER_ON_FX_THREAD) {
            source.removeListener(follow);
            rescan.run();
            return;
        }
        catchUp();
    }

    /** Matches the rows the source gained since the last look: new frames, held as events by the source. */
    private void catchUp() {
        int from = size;
        for (int row = scanned; row < source.size(); row++) {
            FrameEvent f = source.get(row);
            if (filter.test(f) && shownWhenFolded.test(f.seq())) {
                if (size == rows.length) {
                    rows = Arrays.copyOf(rows, size * 2);
                }
                rows[size++] = row;
            }
        }
        scanned = source.size();
        if (size > from) {
            beginChange();
            nextAdd(from, size);
            endChange();
        }
    }
}
