package dev.framescope.ui.live;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;

/**
 * A list in which each row is there once and {@link #indexOf} finds it without reading every row (by its seq, by its
 * place): a table of a million rows asks for a row's index on every selection and reveal. The other lookups follow
 * from it.
 */
abstract class UniqueRows<T> extends ObservableListBase<T> {

    @Override
    public abstract int indexOf(Object o);

    @Override
    public final int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public final boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    /**
     * Tells the listeners that every row went (the list is empty already), {@code removed} being the rows as they
     * were, read only when a listener asks for one. JavaFX's change builder ({@code nextRemove}) reads every removed
     * row while it builds the change: clearing a table of a million rows read them all back from the log on the FX
     * thread.
     */
    protected final void fireCleared(List<T> removed) {
        fireChange(new ListChangeListener.Change<T>(this) {
            private int at = -1;

            @Override
            public boolean next() {
                return ++at == 0;
            }

            @Override
            public void reset() {
                at = -1;
            }

            @Override
            public int getFrom() {
                return 0;
            }

            @Override
            public int getTo() {
                return 0;
            }

            @Override
            public List<T> getRemoved() {
                return removed;
            }

            @Override
            protected int[] getPermutation() {
                return new int[0];
            }
        });
    }
}
