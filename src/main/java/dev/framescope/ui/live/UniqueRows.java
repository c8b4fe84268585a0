package dev.framescope.ui.live;

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
}
