package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.Labels;
import dev.framescope.ui.fx.Layouts;
import dev.framescope.ui.live.FilterModel.Directions;
import dev.framescope.ui.live.FilterModel.Seconds;
import dev.framescope.ui.live.FrameFilter.OpcodeClass;
import dev.framescope.ui.live.TimelineView.TimeMode;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The bar above the frame table: direction, opcode class, violations only, payload search, the time-range chip,
 * the Time column's mode, the Messages view and Follow. The controls make a {@link FilterModel}; the table shows what
 * its predicate lets through.
 */
public final class FilterBar extends HBox {

    private final TimelineModel timeline;
    private final TimelineView table;
    private final MessagesView messagesView;
    private final ChoiceBox<Directions> direction = Labels.choiceBox(Directions.BOTH, Directions.values());
    private final ChoiceBox<OpcodeClass> opcodes = Labels.choiceBox(OpcodeClass.ALL, OpcodeClass.values());
    private final CheckBox violations = new CheckBox("Violations only");
    private final TextField search = new TextField();
    private final Button rangeChip = new Button();
    private final ToggleButton messages = new ToggleButton("Messages");
    private final ReadOnlyObjectWrapper<FilterModel> model = new ReadOnlyObjectWrapper<>(FilterModel.NONE);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private Optional<Seconds> seconds = Optional.empty();
    private final BackgroundFilter<FrameEvent> frames;
    private final BackgroundFilter<MessageEvent> messageRows;

    /** @param background where a filter over many frames is worked out, off the FX thread */
    public FilterBar(TimelineModel timeline, TimelineView table, MessagesView messagesView, Background background) {
        this.timeline = timeline;
        this.table = table;
        this.messagesView = messagesView;
        frames = new BackgroundFilter<>(timeline.frames(), table::setSource, "frame", background);
        messageRows = new BackgroundFilter<>(timeline.messages(), messagesView::setItems, "message", background);
        // The Messages view this bar switches to reads the messages captured so far there too.
        timeline.readMessagesWith(background);
        setId("filter-bar");
        search.setId("filter-search");
        direction.setId("filter-direction");
        opcodes.setId("filter-opcodes");
        search.setPromptText("Search payloads or /regex/");
        rangeChip.setId("time-range");
        rangeChip.setVisible(false);
        rangeChip.managedProperty().bind(rangeChip.visibleProperty());
        rangeChip.setTooltip(new Tooltip("Frames of this time range only; click to show all"));
        rangeChip.setOnAction(e -> showAllSeconds());
        messages.setId("messages-toggle");
        messages.setTooltip(new Tooltip("One row per reassembled message, its fragments grouped under it (Message tab)"));
        direction.setOnAction(e -> update());
        opcodes.setOnAction(e -> update());
        violations.setOnAction(e -> update());
        search.textProperty().addListener((o, was, now) -> update());
        timeline.foldsChangedProperty().addListener((o, was, now) -> apply(model.get()));
        ChoiceBox<TimeMode> time = timeChoice();
        getChildren().addAll(direction, opcodes, violations, search, rangeChip, timeLabel(), time, messages, follow());
        // The theme's choice boxes ask for far more room than their words need; these fit the longest label.
        direction.setPrefWidth(150);
        opcodes.setPrefWidth(135);
        time.setPrefWidth(135);
        Layouts.onlyThisShrinks(this, search, 140);
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 8, 6, 8));
    }

    private static Label timeLabel() {
        Label label = new Label("Time");
        label.getStyleClass().add("status-muted");
        return label;
    }

    private ChoiceBox<TimeMode> timeChoice() {
        ChoiceBox<TimeMode> time = Labels.choiceBox(TimeMode.RELATIVE, TimeMode.values());
        time.setId("time-mode");
        time.valueProperty().bindBidirectional(table.timeModeProperty());
        time.setTooltip(new Tooltip("Time column: seconds since the connection started, the wall clock, or seconds "
                + "since the previous row"));
        return time;
    }

    private ToggleButton follow() {
        ToggleButton follow = new ToggleButton("Follow");
        follow.setId("follow-toggle");
        follow.selectedProperty().bindBidirectional(table.followProperty());
        return follow;
    }

    /** Where a filter that takes a while shows its progress, with Cancel. */
    public void reportWorkTo(StatusModel value) {
        frames.reportWorkTo(value);
        messageRows.reportWorkTo(value);
    }

    /** The filter the controls ask for now. */
    public ReadOnlyObjectProperty<FilterModel> model() {
        return model.getReadOnlyProperty();
    }

    /** Why the search cannot be used (an invalid regular expression), in words; empty when it can. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the Messages view (one row per message) replaces the frame table. */
    public BooleanProperty messagesShown() {
        return messages.selectedProperty();
    }

    public void focusSearch() {
        search.requestFocus();
    }

    /** Every frame again: the controls back to their defaults, the time range gone. */
    public void clear() {
        direction.setValue(Directions.BOTH);
        opcodes.setValue(OpcodeClass.ALL);
        violations.setSelected(false);
        search.setText("");
        showAllSeconds();
    }

    /** A range brushed on the time strip: only its frames are shown until the range chip is clicked. */
    public void limitTo(long fromSecond, long toSecond) {
        seconds = Optional.of(new Seconds(fromSecond, toSecond));
        rangeChip.setText("⏱ " + fromSecond + "–" + (toSecond + 1) + " s ✕");
        rangeChip.setVisible(true);
        table.followProperty().set(false);
        update();
    }

    private void showAllSeconds() {
        seconds = Optional.empty();
        rangeChip.setVisible(false);
        update();
    }

    private void update() {
        FilterModel next = new FilterModel(direction.getValue(), opcodes.getValue(), violations.isSelected(),
                search.getText(), seconds);
        problem.set(next.problem().orElse(""));
        model.set(next);
        if (next.problem().isEmpty()) {
            apply(next);
        }
    }

    /**
     * Unfiltered, each view shows the timeline's list itself; filtered, the rows a {@link BackgroundFilter} finds:
     * at once up to {@link #FILTER_ON_FX_THREAD} rows, else on the background executor, each frame read back from
     * the capture. Folds alone need no frame read: they are applied at once whatever the size.
     */
    private void apply(FilterModel filter) {
        if (filter.problem().isPresent()) {
            return;
        }
        Runnable again = () -> apply(model.get());
        if (filter.frameFilter().equals(FrameFilter.ALL)) {
            messageRows.none();
        } else {
            ObservableList<MessageEvent> messages = timeline.messages();
            messageRows.apply(filter.frameFilter().messagePredicate(), row -> true, () -> List.copyOf(messages)::get,
                    again);
        }
        FrameRows rows = timeline.frameRows();
        IntPredicate folds = row -> timeline.visibleWhenFolded(rows.seqAt(row));
        if (filter.passesAll()) {
            if (timeline.anyCollapsed()) {
                frames.folded(folds, again);
            } else {
                frames.none();
            }
            return;
        }
        long anchor = timeline.log().map(CaptureLog::nanoAnchor).orElse(0L);
        Optional<CaptureLog> log = timeline.log();
        frames.apply(filter.predicate(anchor), folds, () -> {
            int[] seqs = rows.seqsTo(rows.size());
            CaptureLog from = log.orElseThrow();
            return i -> (FrameEvent) from.get(seqs[i]);
        }, again);
    }

    /** Filters of up to this many rows run on the FX thread: each costs well under a pulse. */
    static final int FILTER_ON_FX_THREAD = 10_000;
}
