package dev.framescope.ui.live;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The rows of a list a filter lets through (the frames table's over the timeline's {@link FrameRows}, the Messages
 * view's over the timeline's messages), as positions in that list. The rows there at the start are matched by
 * {@link #scan} off the FX thread (a filter over a million frames reads every one back from the capture, payloads
 * included, which would stall the window for seconds); rows that come afterwards are matched here, on the FX thread,
 * as they come, unless they come by more than {@link FilterBar#FILTER_ON_FX_THREAD} at once (another connection's
 * frames, the messages read back when the Messages view opens): then a new scan is asked for. A fold hides rows by
 * position alone, without reading them. FX thread only, but for {@link #scan}.
 */
final class FilteredRows<T> extends UniqueRows<T> {

    /** What a scan found: the positions of the matching rows among the first {@code scanned}. */
    record Matches(int[] rows, int count, int scanned) {
    }

    private final ObservableList<T> source;
    private final Predicate<? super T> filter;
    private final IntPredicate shownAt;
    private int[] rows;
    private int size;
    /** Rows of the source looked at so far: every later one is new. */
    private int scanned;
    private final ListChangeListener<T> follow = this::sourceChanged;
    private final Runnable rescan;

    /**
     * @param filter  the filter, as {@link #scan} applied it
     * @param shownAt whether the row at a position shows with the folds as they are, without reading it (FX state)
     * @param found   the scan's result over the source's first rows ({@link #none()}: match them here)
     * @param rescan  run instead of matching when the source gains too many rows at once: a scan off the FX thread
     *                then replaces these rows (they stay right meanwhile)
     */
    FilteredRows(ObservableList<T> source, Predicate<? super T> filter, IntPredicate shownAt, Matches found,
            Runnable rescan) {
        this.source = source;
        this.filter = filter;
        this.shownAt = shownAt;
        this.rescan = rescan;
        this.rows = new int[Math.max(16, found.count())];
        for (int i = 0; i < found.count(); i++) {
            if (shownAt.test(found.rows()[i])) {
                rows[size++] = found.rows()[i];
            }
        }
        scanned = found.scanned();
        match(scanned, source.size(), true);
        source.addListener(follow);
    }

    /**
     * The positions among the first {@code count} rows whose items, as {@code read} gives them, pass {@code filter}:
     * for a background thread. {@code progress[0]} counts the rows looked at; an interrupt stops the scan.
     */
    static <T> Matches scan(IntFunction<? extends T> read, int count, Predicate<? super T> filter, int[] progress) {
        int[] found = new int[1024];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 4095) == 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("filter cancelled");
                }
                progress[0] = i;
            }
            if (filter.test(read.apply(i))) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = i;
            }
        }
        progress[0] = count;
        return new Matches(found, n, count);
    }

    /** Nothing matched yet: the rows are matched where they are made. */
    static Matches none() {
        return new Matches(new int[0], 0, 0);
    }

    /** Every one of the first {@code count} rows: a fold alone, which reads no row. */
    static Matches all(int count) {
        int[] every = new int[count];
        Arrays.setAll(every, i -> i);
        return new Matches(every, count, count);
    }

    /** Stops following the source (the filter changed). */
    void dispose() {
        source.removeListener(follow);
    }

    @Override
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        return source.get(rows[index]);
    }

    @Override
    public int size() {
        return size;
    }

    /** A row here, by its position in the source (found there as the source finds it: by seq for frames). */
    @Override
    public int indexOf(Object o) {
        int at = source.indexOf(o);
        if (at < 0) {
            return -1;
        }
        int here = Arrays.binarySearch(rows, 0, size, at);
        return here >= 0 ? here : -1;
    }

    private void sourceChanged(ListChangeListener.Change<? extends T> c) {
        while (c.next()) {
            if (c.wasRemoved()) {
                cleared(c.getRemoved()); // the sources only ever clear: another connection is shown
            }
            if (c.wasAdded()) {
                int from = c.getFrom();
                int added = c.getTo() - from;
                if (from < scanned) {
                    // Inserted before rows already matched (the messages read back, in front of newer ones).
                    for (int i = 0; i < size; i++) {
                        if (rows[i] >= from) {
                            rows[i] += added;
                        }
                    }
                    scanned += added;
                    if (added > FilterBar.FILTER_ON_FX_THREAD) {
                        rescan.run();
                        return;
                    }
                    match(from, from + added, false);
                }
            }
        }
        if (source.size() - scanned > FilterBar.FILTER_ON_FX_THREAD) {
            rescan.run();
            return;
        }
        match(scanned, source.size(), true);
        scanned = source.size();
    }

    /** The source emptied: so does this list, its rows read back from what was removed if a listener asks. */
    private void cleared(List<? extends T> removed) {
        int[] was = Arrays.copyOf(rows, size);
        size = 0;
        scanned = 0;
        if (was.length == 0) {
            return;
        }
        fireCleared(new AbstractList<T>() {
            @Override
            public T get(int i) {
                return removed.get(was[i]);
            }

            @Override
            public int size() {
                return was.length;
            }
        });
    }

    /** Matches the source's rows {@code from} to {@code to}, adding those that pass where they belong. */
    private void match(int from, int to, boolean atEnd) {
        int[] found = new int[Math.max(0, to - from)];
        int n = 0;
        for (int row = from; row < to; row++) {
            if (filter.test(source.get(row)) && shownAt.test(row)) {
                found[n++] = row;
            }
        }
        if (atEnd) {
            scanned = Math.max(scanned, to);
        }
        if (n == 0) {
            return;
        }
        int at = atEnd ? size : insertionPoint(from);
        if (size + n > rows.length) {
            rows = Arrays.copyOf(rows, Math.max(rows.length * 2, size + n));
        }
        System.arraycopy(rows, at, rows, at + n, size - at);
        System.arraycopy(found, 0, rows, at, n);
        size += n;
        beginChange();
        nextAdd(at, at + n);
        endChange();
    }

    private int insertionPoint(int row) {
        int at = Arrays.binarySearch(rows, 0, size, row);
        return at >= 0 ? at : -at - 1;
    }
}
