package dev.framescope.ui.live;

import dev.framescope.replay.Difference;
import dev.framescope.replay.JsonMask;
import dev.framescope.replay.Outcome;
import dev.framescope.replay.ReplayResult;
import dev.framescope.replay.SideBySide;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A replay's result: the verdict and its counts, one row per recorded or replayed server message (same, changed,
 * missing, extra), and for the selected row the recorded and the replayed message side by side, the lines at each
 * difference's JSONPath highlighted and the fields the ignore paths leave out dimmed.
 */
final class ReplayResultView extends VBox {

    /** Differences listed in words under the pair; all of them are marked in the pair itself. */
    private static final int SHOWN_DIFFERENCES = 6;

    private final Label verdict = new Label();
    private final Label summary = new Label();
    private final Label problems = new Label();
    private final TableView<Outcome> outcomes = new TableView<>();
    private final Label recordedTitle = new Label("Recorded");
    private final Label replayedTitle = new Label("Replayed");
    private final ListView<SideBySide.Line> recorded = new ListView<>();
    private final ListView<SideBySide.Line> replayed = new ListView<>();
    private final Label differences = new Label();
    private ReplayResult result;
    private List<JsonMask> masks = List.of();

    ReplayResultView() {
        super(6);
        getStyleClass().add("replay-result");
        verdict.setId("replay-verdict");
        verdict.getStyleClass().add("replay-verdict");
        verdict.setMinWidth(Region.USE_PREF_SIZE);
        verdict.managedProperty().bind(verdict.visibleProperty());
        summary.setId("replay-summary");
        summary.setWrapText(true);
        summary.setMaxWidth(Double.MAX_VALUE);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        problems.setId("replay-problems");
        problems.getStyleClass().add("filter-problem");
        problems.setWrapText(true);
        problems.setMinHeight(Region.USE_PREF_SIZE);
        problems.managedProperty().bind(problems.visibleProperty());
        HBox head = new HBox(12, verdict, summary);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(0, 0, 2, 0));
        HBox.setHgrow(summary, Priority.ALWAYS);
        outcomes.setId("replay-outcomes");
        outcomes.setPlaceholder(new Label("No server messages, recorded or replayed"));
        outcomes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        outcomes.getColumns().setAll(List.of(verdictColumn(), column("Recorded #", 110, o -> number(o.recorded())),
                column("Replayed #", 110, o -> number(o.replayed())),
                column("Pair", 150, o -> o.key().orElse("by position")),
                column("Recorded", 330, o -> o.verdict() == Outcome.Verdict.EXTRA ? "" : o.recordedText()),
                column("Replayed", 330, o -> o.verdict() == Outcome.Verdict.MISSING ? "" : o.replayedText())));
        outcomes.setRowFactory(t -> new OutcomeRow());
        outcomes.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showPair(now));
        recorded.setId("replay-recorded");
        replayed.setId("replay-replayed");
        for (ListView<SideBySide.Line> side : List.of(recorded, replayed)) {
            side.getStyleClass().add("replay-side");
            side.setFixedCellSize(22);
            side.setCellFactory(v -> new LineCell(side == recorded));
        }
        recordedTitle.getStyleClass().add("pane-title");
        replayedTitle.getStyleClass().add("pane-title");
        differences.setId("replay-differences");
        differences.setWrapText(true);
        differences.setMinHeight(Region.USE_PREF_SIZE);
        differences.getStyleClass().add("replay-differences");
        SplitPane sides = new SplitPane(pane(recordedTitle, recorded), pane(replayedTitle, replayed));
        VBox pair = new VBox(4, sides, differences);
        VBox.setVgrow(sides, Priority.ALWAYS);
        SplitPane split = new SplitPane(outcomes, pair);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().setAll(head, problems, split);
        clear("");
    }

    private static VBox pane(Label title, ListView<SideBySide.Line> lines) {
        VBox box = new VBox(2, title, lines);
        VBox.setVgrow(lines, Priority.ALWAYS);
        return box;
    }

    /** Before any replay, or while one runs: no verdict, the table empty. */
    void clear(String what) {
        result = null;
        verdict.setText("");
        verdict.getStyleClass().removeAll("replay-matches", "replay-differs");
        verdict.setVisible(false);
        summary.setText(what);
        problems.setVisible(false);
        outcomes.getItems().clear();
        showPair(null);
    }

    /** Shows {@code r}, compared with {@code masks} left out; the first message that is not the same is selected. */
    void show(ReplayResult r, List<JsonMask> masks) {
        this.result = r;
        this.masks = List.copyOf(masks);
        verdict.setVisible(true);
        verdict.setText(r.matches() ? "✔ Matches" : "✘ Differs");
        verdict.getStyleClass().removeAll("replay-matches", "replay-differs");
        verdict.getStyleClass().add(r.matches() ? "replay-matches" : "replay-differs");
        summary.setText(String.format(Locale.ROOT, "Sent %d of %d messages to %s · server messages: %d recorded, %d "
                        + "replayed · same %d, changed %d, missing %d, extra %d", r.sent(),
                r.recording().client().size(), r.url(), r.recording().server().size(), r.replayed().size(),
                r.count(Outcome.Verdict.SAME), r.count(Outcome.Verdict.CHANGED), r.count(Outcome.Verdict.MISSING),
                r.count(Outcome.Verdict.EXTRA)) + (r.recording().messageLevel()
                ? " · imported from HAR: messages are replayed, frames are not" : ""));
        problems.setText(String.join("\n", r.problems().stream().map(p -> "⚠ " + p).toList()));
        problems.setVisible(!r.problems().isEmpty());
        outcomes.getItems().setAll(r.outcomes());
        int first = 0;
        for (int i = 0; i < r.outcomes().size(); i++) {
            if (r.outcomes().get(i).verdict() != Outcome.Verdict.SAME) {
                first = i;
                break;
            }
        }
        if (!r.outcomes().isEmpty()) {
            outcomes.getSelectionModel().clearAndSelect(first);
            outcomes.scrollTo(Math.max(0, first - 2));
        }
    }

    private void showPair(Outcome o) {
        if (o == null || result == null) {
            recordedTitle.setText("Recorded");
            replayedTitle.setText("Replayed");
            recorded.getItems().clear();
            replayed.getItems().clear();
            recorded.setPlaceholder(new Label("Select a message above"));
            replayed.setPlaceholder(new Label("Select a message above"));
            differences.setText("");
            return;
        }
        recordedTitle.setText(o.recorded().isPresent() ? "Recorded #" + (o.recorded().getAsInt() + 1) : "Recorded");
        replayedTitle.setText(o.replayed().isPresent() ? "Replayed #" + (o.replayed().getAsInt() + 1) : "Replayed");
        recorded.setPlaceholder(new Label("Not in the recording: the server sent it only in the replay"));
        replayed.setPlaceholder(new Label("Not received in the replay"));
        recorded.getItems().setAll(SideBySide.recorded(result, o, masks));
        replayed.getItems().setAll(SideBySide.replayed(result, o, masks));
        differences.setText(switch (o.verdict()) {
            case SAME -> "Same" + (masks.isEmpty() ? "." : " (ignoring " + String.join(", ",
                    masks.stream().map(JsonMask::text).toList()) + ").");
            case MISSING -> "Missing: the replay got no message for this recorded one.";
            case EXTRA -> "Extra: the replay got this message, the recording has none like it.";
            case CHANGED -> "Changed: " + String.join("; ", o.differences().stream().limit(SHOWN_DIFFERENCES)
                    .map(Difference::toString).toList()) + (o.differences().size() > SHOWN_DIFFERENCES ? "; and "
                    + (o.differences().size() - SHOWN_DIFFERENCES) + " more, marked above" : "");
        });
    }

    private static String number(OptionalInt i) {
        return i.isPresent() ? String.valueOf(i.getAsInt() + 1) : "—";
    }

    private static TableColumn<Outcome, String> column(String title, double width, Function<Outcome, String> value) {
        TableColumn<Outcome, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 110));
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    private static TableColumn<Outcome, Outcome.Verdict> verdictColumn() {
        TableColumn<Outcome, Outcome.Verdict> c = new TableColumn<>("Verdict");
        c.setPrefWidth(90);
        c.setMinWidth(90);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().verdict()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(Outcome.Verdict v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(v.words());
                badge.getStyleClass().setAll("label", "verdict-badge", "verdict-" + v.words());
                setGraphic(badge);
            }
        });
        return c;
    }

    private static final class OutcomeRow extends TableRow<Outcome> {
        @Override
        protected void updateItem(Outcome o, boolean empty) {
            super.updateItem(o, empty);
            getStyleClass().removeIf(s -> s.startsWith("replay-row-"));
            if (!empty && o != null) {
                getStyleClass().add("replay-row-" + o.verdict().words());
            }
        }
    }

    /** One line of a message: indented, marked as differing (old on the left, new on the right) or ignored. */
    private static final class LineCell extends ListCell<SideBySide.Line> {
        private final boolean left;

        LineCell(boolean left) {
            this.left = left;
            getStyleClass().add("replay-line");
        }

        @Override
        protected void updateItem(SideBySide.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("line-old", "line-new", "line-ignored");
            if (empty || line == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText("  ".repeat(line.depth()) + line.text());
            switch (line.mark()) {
                case DIFFERS -> getStyleClass().add(left ? "line-old" : "line-new");
                case IGNORED -> getStyleClass().add("line-ignored");
                default -> { }
            }
        }
    }

    TableView<Outcome> outcomes() {
        return outcomes;
    }

    ListView<SideBySide.Line> recordedLines() {
        return recorded;
    }

    ListView<SideBySide.Line> replayedLines() {
        return replayed;
    }

    Label verdict() {
        return verdict;
    }
}
