package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.ui.fx.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The Notes tab: what the capture says in words beside its frames — a message held, edited, dropped or injected at a
 * proxy breakpoint, a certificate not verified, how TCP ended, a reconnect — each with its time and severity, in the
 * order recorded. Fed with the batches {@link ConnectionDetails} reads; FX thread only.
 */
final class NotesView {

    private final ObservableList<CaptureEvent.NoteEvent> notes = FXCollections.observableArrayList();
    private final ListView<CaptureEvent.NoteEvent> list = new ListView<>(notes);
    private Optional<CaptureLog> log = Optional.empty();

    NotesView() {
        list.setId("notes-list");
        list.setPlaceholder(new Label("No notes for this connection."));
        list.setCellFactory(v -> new NoteCell());
    }

    ListView<CaptureEvent.NoteEvent> node() {
        return list;
    }

    ObservableList<CaptureEvent.NoteEvent> notes() {
        return notes;
    }

    void show(Optional<CaptureLog> selected) {
        log = selected;
        notes.clear();
    }

    /** The notes among a batch of the selected log's events, added in one change. */
    void add(List<CaptureEvent> batch) {
        List<CaptureEvent.NoteEvent> found = new ArrayList<>();
        for (CaptureEvent e : batch) {
            if (e instanceof CaptureEvent.NoteEvent n) {
                found.add(n);
            }
        }
        notes.addAll(found);
    }

    private final class NoteCell extends ListCell<CaptureEvent.NoteEvent> {
        private final Label time = new Label();
        private final Label severity = new Label();
        private final Label text = new Label();
        private final HBox row = new HBox(8, time, severity, text);

        NoteCell() {
            // As wide as the list: long notes wrap instead of scrolling sideways.
            setPrefWidth(0);
            row.setAlignment(Pos.BASELINE_LEFT);
            row.setPadding(new Insets(3, 0, 3, 0));
            time.getStyleClass().add("mono");
            time.setMinWidth(Region.USE_PREF_SIZE);
            severity.setMinWidth(Region.USE_PREF_SIZE);
            text.setWrapText(true);
            text.setMinHeight(Region.USE_PREF_SIZE);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
        }

        /**
         * As tall as the note's text wrapped at the cell's width. The theme gives every list cell one fixed height
         * ({@code -fx-cell-size}, which the cell's skin returns as its preferred height), which left a one-line note
         * with an empty line under it and cut a note of three lines.
         */
        @Override
        protected double computePrefHeight(double width) {
            if (getGraphic() == null) {
                return super.computePrefHeight(width);
            }
            Insets in = getInsets();
            double inner = width < 0 ? -1 : Math.max(0, width - in.getLeft() - in.getRight());
            return in.getTop() + row.prefHeight(inner) + in.getBottom();
        }

        @Override
        protected void updateItem(CaptureEvent.NoteEvent n, boolean empty) {
            super.updateItem(n, empty);
            if (empty || n == null) {
                setGraphic(null);
                return;
            }
            time.setText(log.map(l -> String.format(Locale.ROOT, "%.3f s", l.secondsSinceStart(n.nanos())))
                    .orElse(""));
            severity.setText(Labels.severity(n.level()));
            severity.getStyleClass().setAll("label", "finding-severity",
                    "severity-" + n.level().name().toLowerCase(Locale.ROOT));
            text.setText(n.text());
            setGraphic(row);
        }
    }
}
