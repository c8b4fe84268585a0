package dev.framescope.ui.live;

import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.Plural;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * One list's filter (the frames table's or the Messages view's) worked out where it costs the window nothing: up to
 * {@link FilterBar#FILTER_ON_FX_THREAD} rows at once on the FX thread, more on the background executor while the
 * view keeps what it shows and the status bar the progress, with Cancel. A newer filter cancels an older one; so
 * does a change of the list under a scan (another connection shown, the view cleared). FX thread only.
 */
final class BackgroundFilter<T> {

    private final ObservableList<T> source;
    private final Consumer<ObservableList<T>> show;
    private final String noun;
    private final Background background;
    private Optional<StatusModel> status = Optional.empty();
    private Optional<Background.Job> job = Optional.empty();
    private Optional<FilteredRows<T>> shown = Optional.empty();
    private Optional<ListChangeListener<T>> watch = Optional.empty();

    /**
     * @param show what the view shows from now on: the source itself, or its filtered rows
     * @param noun what the rows are, in the status bar ("frame": "Filtering 12,000 frames…")
     */
    BackgroundFilter(ObservableList<T> source, Consumer<ObservableList<T>> show, String noun, Background background) {
        this.source = source;
        this.show = show;
        this.noun = noun;
        this.background = background;
    }

    void reportWorkTo(StatusModel value) {
        status = Optional.of(value);
    }

    /** Every row, at once. */
    void none() {
        stop();
        replace(Optional.empty());
    }

    /** The rows that show at their position ({@code shownAt}: folds), at once: no row is read. */
    void folded(IntPredicate shownAt, Runnable again) {
        stop();
        replace(Optional.of(new FilteredRows<>(source, row -> true, shownAt, FilteredRows.all(source.size()), again)));
    }

    /**
     * The rows that pass {@code filter} and show at their position ({@code shownAt}: folds, without reading a row).
     *
     * @param reader made on the FX thread, read in the background: the source's rows as they are now, one by index
     * @param again  applies the filter anew (asked for when the list changes too much at once)
     */
    void apply(Predicate<? super T> filter, IntPredicate shownAt, Supplier<IntFunction<? extends T>> reader,
            Runnable again) {
        stop();
        if (source.size() <= FilterBar.FILTER_ON_FX_THREAD) {
            replace(Optional.of(new FilteredRows<>(source, filter, shownAt, FilteredRows.none(), again)));
            return;
        }
        int count = source.size();
        IntFunction<? extends T> read = reader.get();
        int[] progress = new int[1];
        StatusModel.Work work = status.map(s -> s.begin("Filtering " + Plural.of(count, noun) + "…")).orElse(null);
        Background.Job started = background.submit(() -> FilteredRows.scan(read, count, filter, progress),
                new Background.Outcome<FilteredRows.Matches>() {
                    @Override
                    public void succeeded(FilteredRows.Matches found) {
                        end(work);
                        stop();
                        replace(Optional.of(new FilteredRows<>(source, filter, shownAt, found, again)));
                    }

                    @Override
                    public void failed(Exception problem) {
                        end(work);
                        stop();
                        status.ifPresent(s -> s.problem("The filter stopped: a " + noun + " could not be read back ("
                                + problem.getMessage() + ")"));
                    }

                    @Override
                    public void cancelled() {
                        end(work);
                    }
                });
        job = Optional.of(started);
        // A scan's positions hold only while the list grows at its end: anything else starts it again.
        ListChangeListener<T> changed = c -> {
            while (c.next()) {
                if (c.wasRemoved() || c.wasAdded() && c.getFrom() < count) {
                    again.run();
                    return;
                }
            }
        };
        source.addListener(changed);
        watch = Optional.of(changed);
        if (work != null) {
            work.progressFrom(() -> (double) progress[0] / count);
            work.cancelWith(started);
        }
    }

    private void stop() {
        job.ifPresent(Background.Job::cancel);
        job = Optional.empty();
        watch.ifPresent(source::removeListener);
        watch = Optional.empty();
    }

    private void replace(Optional<FilteredRows<T>> rows) {
        shown.ifPresent(FilteredRows::dispose);
        shown = rows;
        show.accept(rows.<ObservableList<T>>map(r -> r).orElse(source));
    }

    private static void end(StatusModel.Work work) {
        if (work != null) {
            work.end();
        }
    }
}
