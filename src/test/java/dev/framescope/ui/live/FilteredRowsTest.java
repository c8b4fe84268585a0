package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * The filtered rows over a list that grows at its end, is cleared (another connection shown) and gains rows in front
 * (the Messages view's messages read back behind newer ones), without a scene: what they hold and the changes they
 * tell their listeners.
 */
class FilteredRowsTest {

    private final ObservableList<String> source = FXCollections.observableArrayList();
    private final AtomicInteger rescans = new AtomicInteger();

    private FilteredRows<String> evens(FilteredRows.Matches found) {
        return new FilteredRows<>(source, s -> Integer.parseInt(s) % 2 == 0, row -> true, found,
                rescans::incrementAndGet);
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void rowsThatArriveAreMatchedAsTheyCome() {
        source.addAll(numbers(0, 10));
        FilteredRows<String> rows = evens(FilteredRows.none());
        assertEquals(numbers(0, 10).stream().filter(s -> Integer.parseInt(s) % 2 == 0).toList(), rows);
        List<String> added = new ArrayList<>();
        rows.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                added.addAll(c.getAddedSubList());
            }
        });
        source.addAll(numbers(10, 14));
        assertEquals(List.of("10", "12"), added);
        assertEquals(7, rows.size());
        assertEquals(6, rows.indexOf("12"));
        assertEquals(-1, rows.indexOf("13"), "not shown");
        assertTrue(rows.contains("0") && !rows.contains("99"));
    }

    @Test
    void aScansMatchesAreTakenAsFoundAndFoldsHideRowsByPosition() {
        source.addAll(numbers(0, 10));
        FilteredRows.Matches found = FilteredRows.scan(source::get, source.size(), s -> s.endsWith("3")
                || s.endsWith("4"), new int[1]);
        FilteredRows<String> rows = new FilteredRows<>(source, s -> s.endsWith("3") || s.endsWith("4"),
                row -> row != 4, found, rescans::incrementAndGet);
        assertEquals(List.of("3"), rows, "row 4 folded away");
    }

    @Test
    void aClearedSourceEmptiesTheRowsAndSaysWhichWentWithoutReadingTheSourceAgain() {
        source.addAll(numbers(0, 6));
        FilteredRows<String> rows = evens(FilteredRows.none());
        List<String> removed = new ArrayList<>();
        rows.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                removed.addAll(c.getRemoved());
            }
        });
        source.clear();
        assertEquals(List.of("0", "2", "4"), removed);
        assertTrue(rows.isEmpty());
        source.addAll(numbers(100, 103));
        assertEquals(List.of("100", "102"), rows, "the next connection's rows are matched from its first");
    }

    @Test
    void rowsInsertedInFrontGoInFrontAndTooManyAtOnceAskForAScan() {
        source.addAll(numbers(10, 14));
        FilteredRows<String> rows = evens(FilteredRows.none());
        source.addAll(0, numbers(0, 4));
        assertEquals(List.of("0", "2", "10", "12"), rows);
        assertEquals("12", rows.get(3), "the later rows moved along with the source");
        assertEquals(0, rescans.get());

        source.addAll(Collections.nCopies(FilterBar.FILTER_ON_FX_THREAD + 1, "7"));
        assertEquals(1, rescans.get(), "more rows at once than the FX thread matches: a scan is asked for");
        assertEquals(List.of("0", "2", "10", "12"), rows, "the rows stay right meanwhile");
    }
}
