package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Payload;
import dev.framescope.capture.text.FrameText;
import dev.framescope.ui.frame.OpcodeBadge;
import dev.framescope.ui.fx.Labels;
import dev.framescope.ui.fx.UiDispatcher;
import dev.framescope.wire.FrameHeader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * The frame timeline: a virtualized table over the selected connection's frame events (cells are computed only for
 * visible rows). Follows the newest frame until the user scrolls up.
 */
public final class TimelineView extends TableView<FrameEvent> {

    static final int PREVIEW_CHARS = 120;
    private static final String TOOLTIP_KEY = "framescope.tooltip";

    /**
     * Rows the table holds while following: the newest frames only (see {@link #setSource}), a few screens' worth.
     * Each costs on every pulse that appends (the walk below, and reading its frame back from the log when the tail
     * is refilled): 5,000 took a few milliseconds a pulse while a big file opened.
     */
    static final int FOLLOW_ROWS = 1_000;

    private final TimelineModel model;
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    /** What the view shows: the timeline's frames, or a filtered view of them. */
    private ObservableList<FrameEvent> source;
    /** The last {@link #FOLLOW_ROWS} rows of {@link #source}, kept in step while following. */
    private final ObservableList<FrameEvent> tail = FXCollections.observableArrayList();
    private final ListChangeListener<FrameEvent> mirror = this::mirror;

    private final UiDispatcher ui;

    /** @param ui where header tooltips are installed once the skin has built the header */
    public TimelineView(TimelineModel model, UiDispatcher ui) {
        this.ui = ui;
        this.model = model;
        setId("frame-table");
        getStyleClass().add("frame-table");
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // One row height for all rows: the virtual flow then never measures rows to place a million of them.
        setFixedCellSize(34);
        setPlaceholder(new Label("No frames yet"));
        getColumns().addAll(List.of(
                text("#", 76, "Frame number in this connection (messages are numbered on their own)",
                        f -> Long.toString(model.frameNumber(f))),
                time(),
                text("Dir", 46, "→ sent by us (client), ← sent by the server", f -> f.dir().arrow()),
                proxyColumn(model),
                opcode(),
                fragmentColumn(),
                text("FIN", 46, "FIN: 1 when this is the final fragment of a message (RFC 6455 §5.2)",
                        f -> f.header().fin() ? "1" : "0"),
                text("RSV", 48, "RSV1, RSV2, RSV3: reserved bits; RSV1 marks a compressed message with "
                        + "permessage-deflate (RFC 7692 §6)", f -> rsv(f.header())),
                text("MASK", 52, "MASK: 1 when the payload is masked (client frames must be, §5.3)",
                        f -> f.header().masked() ? "1" : "0"),
                text("Key", 82, "Masking key: the 32 bits, in hex, that client frames are masked with (§5.3)", f -> f.header().maskingKeyHex().orElse("")),
                text("Length", 78, "Payload length and how it was written: 7-bit, 16-bit or 64-bit (§5.2)",
                        f -> FrameText.length(f.header())),
                text("Inflated", 92, "Size after permessage-deflate inflation", f -> f.inflated()
                        .map(p -> Integer.toString(p.length())).orElse("")),
                ViolationsColumn.create(),
                preview(model)));
        setContextMenu(copyMenu());
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FrameEvent f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().remove("violation-row");
                if (!empty && f != null && !f.findings().isEmpty()) {
                    getStyleClass().add("violation-row");
                }
            }
        });
        setSource(model.frames());
        follow.addListener((o, was, now) -> followChanged(now));
        tail.addListener((ListChangeListener<FrameEvent>) change -> {
            if (follow.get() && !tail.isEmpty()) {
                scrollTo(tail.size() - 1);
            }
        });
        // A click on a row is a user inspecting a frame: stop the rows moving under the pointer.
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getTarget() instanceof Node n && isInRow(n)) {
                follow.set(false);
            }
        });
        model.fragmentsChangedProperty().addListener((o, was, now) -> refresh());
        model.relayMarksProperty().addListener((o, was, now) -> refresh());
        skinProperty().addListener((o, was, now) -> ui.post(this::installHeaderTooltips));
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                follow.set(false);
            }
        });
    }

    /** Copy the selected frame's payload (inflated when compressed) as hex, base64 or text. */
    private ContextMenu copyMenu() {
        MenuItem hex = new MenuItem("Copy payload as hex");
        hex.setOnAction(e -> copy(b -> HexFormat.of().formatHex(b)));
        MenuItem base64 = new MenuItem("Copy payload as base64");
        base64.setOnAction(e -> copy(b -> Base64.getEncoder().encodeToString(b)));
        MenuItem text = new MenuItem("Copy payload as text");
        text.setOnAction(e -> copy(b -> new String(b, StandardCharsets.UTF_8)));
        MenuItem header = new MenuItem("Copy raw header as hex");
        header.setOnAction(e -> Optional.ofNullable(getSelectionModel().getSelectedItem())
                .ifPresent(f -> clip(f.header().rawHeaderHex())));
        MenuItem fold = new MenuItem("Fold all fragmented messages");
        fold.setOnAction(e -> model.setAllCollapsed(true));
        MenuItem unfold = new MenuItem("Unfold all fragmented messages");
        unfold.setOnAction(e -> model.setAllCollapsed(false));
        return new ContextMenu(hex, base64, text, header,
                new SeparatorMenuItem(), fold, unfold);
    }

    private void copy(Function<byte[], String> format) {
        FrameEvent f = getSelectionModel().getSelectedItem();
        if (f != null) {
            clip(format.apply(f.inflated().map(Payload::bytes).orElseGet(() -> f.payload().bytes())));
        }
    }

    private static void clip(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Every abbreviated column header explains itself in a tooltip. */
    private void installHeaderTooltips() {
        for (Node node : lookupAll(".column-header")) {
            if (node instanceof TableColumnHeader header
                    && header.getTableColumn() != null
                    && header.getTableColumn().getProperties().get(TOOLTIP_KEY) instanceof String tip) {
                Tooltip.install(header, new Tooltip(tip));
            }
        }
    }

    /**
     * Shows {@code rows} (the timeline's frames or a filter of them). While following, the table holds only their
     * newest {@link #FOLLOW_ROWS}: JavaFX 21's VirtualFlow re-walks every row above the viewport whenever the row
     * count changes, so a table at the bottom of a million rows costs milliseconds per pulse; at the bottom of a few
     * thousand it costs microseconds. Pausing follow puts every row back, keeping the selection.
     */
    public void setSource(ObservableList<FrameEvent> rows) {
        if (source != null) {
            source.removeListener(mirror);
        }
        source = rows;
        source.addListener(mirror);
        if (follow.get()) {
            refillTail();
            setItems(tail);
        } else {
            setItems(source);
        }
    }

    /** Every row the view shows (with the filter), not only those the table holds while following. */
    public ObservableList<FrameEvent> shown() {
        return source;
    }

    private void followChanged(boolean following) {
        FrameEvent selected = getSelectionModel().getSelectedItem();
        if (following) {
            refillTail();
            setItems(tail);
            if (!tail.isEmpty()) {
                scrollTo(tail.size() - 1);
            }
        } else {
            int top = firstVisibleIndex();
            int offset = Math.max(0, source.size() - tail.size());
            setItems(source);
            if (top >= 0) {
                scrollTo(offset + top);
            }
        }
        if (selected != null) {
            getSelectionModel().select(selected);
        }
    }

    private int firstVisibleIndex() {
        for (Node n : lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> row && !row.isEmpty() && row.isVisible()
                    && row.localToScene(0, 0).getY() >= localToScene(0, 0).getY()) {
                return row.getIndex();
            }
        }
        return -1;
    }

    private boolean isInRow(Node n) {
        for (Node p = n; p != null && p != this; p = p.getParent()) {
            if (p instanceof TableRow<?>) {
                return true;
            }
        }
        return false;
    }

    private void refillTail() {
        tail.setAll(source.subList(Math.max(0, source.size() - FOLLOW_ROWS), source.size()));
    }

    /** Keeps the tail in step with the source: appends are appended (the oldest trimmed), anything else refills. */
    private void mirror(ListChangeListener.Change<? extends FrameEvent> c) {
        if (!follow.get()) {
            return;
        }
        // Rows are read only once they are known to stay in the tail: an open appends up to 40,000 a pulse, of
        // which the tail keeps 1,000, and reading a row back from the log builds its event.
        int appended = 0;
        int firstFrom = -1;
        while (c.next()) {
            if (!c.wasAdded() || c.wasRemoved() || c.wasPermutated() || c.wasUpdated()) {
                refillTail();
                return;
            }
            firstFrom = firstFrom < 0 ? c.getFrom() : firstFrom;
            appended += c.getAddedSize();
        }
        if (firstFrom != source.size() - appended || appended >= FOLLOW_ROWS) {
            refillTail();
            return;
        }
        int overflow = tail.size() + appended - FOLLOW_ROWS;
        if (overflow > 0) {
            tail.remove(0, overflow);
        }
        tail.addAll(source.subList(firstFrom, source.size()));
    }

    /** Whether the table keeps the newest frame in view; scrolling up turns it off. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** How the Time column reads: since the connection started, wall clock, or since the previous row. */
    public enum TimeMode implements Labels.Labelled {
        RELATIVE("Since start"), ABSOLUTE("Clock time"), DELTA("Since previous");

        private final String label;

        TimeMode(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    private final ObjectProperty<TimeMode> timeMode =
            new SimpleObjectProperty<>(TimeMode.RELATIVE);

    public ObjectProperty<TimeMode> timeModeProperty() {
        return timeMode;
    }

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private String time(FrameEvent f, int row) {
        if (model.log().isEmpty()) {
            return "";
        }
        var log = model.log().get();
        return switch (timeMode.get()) {
            case ABSOLUTE -> CLOCK.format(log.wallClock(f.nanos()));
            case DELTA -> row <= 0 ? "+0.000" : String.format(Locale.ROOT, "+%.3f",
                    (f.nanos() - getItems().get(row - 1).nanos()) / 1e9);
            default -> String.format(Locale.ROOT, "%.3f", log.secondsSinceStart(f.nanos()));
        };
    }

    private TableColumn<FrameEvent, FrameEvent> time() {
        TableColumn<FrameEvent, FrameEvent> column = new TableColumn<>("Time");
        column.setPrefWidth(76);
        column.setSortable(false);
        column.getProperties().put(TOOLTIP_KEY, "Seconds since the connection started, wall-clock time, or the gap "
                + "since the previous row (the Time choice above the table)");
        column.getStyleClass().add("mono-column");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(FrameEvent f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : time(f, getIndex()));
            }
        });
        timeMode.addListener((o, a, b) -> refresh());
        return column;
    }

    static String rsv(FrameHeader h) {
        return (h.rsv1() ? "1" : "0") + (h.rsv2() ? "1" : "0") + (h.rsv3() ? "1" : "0");
    }


    /**
     * Where the frame sits in a fragmented message: "▾ 1/3" on the first fragment — click it to fold the message's
     * other fragments away (▸), again to unfold — and "└ 2/3" on the others. Interleaved control frames stay visible.
     */
    private TableColumn<FrameEvent, FrameEvent> fragmentColumn() {
        TableColumn<FrameEvent, FrameEvent> column = new TableColumn<>("Frag");
        column.setPrefWidth(60);
        column.setSortable(false);
        column.getProperties().put(TOOLTIP_KEY, "Fragments of a message sent in several frames (§5.4): click ▾ on "
                + "the first to fold the others away, ▸ to unfold");
        column.getStyleClass().add("mono-column");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            {
                setOnMouseClicked(e -> {
                    FrameEvent f = getItem();
                    if (f != null && e.getButton() == MouseButton.PRIMARY) {
                        model.toggleCollapsed(f);
                    }
                });
            }

            @Override
            protected void updateItem(FrameEvent f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().remove("fragment-head");
                if (empty || f == null) {
                    setText(null);
                    return;
                }
                var fragment = model.fragment(f);
                setText(fragment.map(TimelineModel.Fragment::label).orElse(""));
                if (fragment.filter(TimelineModel.Fragment::first).isPresent()) {
                    getStyleClass().add("fragment-head");
                }
            }
        });
        return column;
    }

    static TableColumn<FrameEvent, String> text(String title, double width, String tooltip,
                                                        Function<FrameEvent, String> value) {
        TableColumn<FrameEvent, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 48));
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.getProperties().put(TOOLTIP_KEY, tooltip);
        column.getStyleClass().add("mono-column");
        return column;
    }

    private static TableColumn<FrameEvent, FrameEvent> opcode() {
        TableColumn<FrameEvent, FrameEvent> column = new TableColumn<>("Opcode");
        column.setPrefWidth(84);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final OpcodeBadge badge = new OpcodeBadge();

            @Override
            protected void updateItem(FrameEvent f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setGraphic(null);
                    return;
                }
                badge.setOpcode(f.header().opcode());
                setGraphic(badge);
            }
        });
        return column;
    }

    /** Shown while the connection has frames the intercepting proxy marked. */
    private static TableColumn<FrameEvent, String> proxyColumn(TimelineModel model) {
        TableColumn<FrameEvent, String> column = text("Proxy", 96, "What the intercepting proxy did: edited or "
                + "injected (the proxy sent it), replaced or dropped (held; it never reached the receiver)",
                f -> RelayBadge.word(model, f.seq()));
        column.visibleProperty().bind(model.relayMarkedProperty());
        return column;
    }

    private static TableColumn<FrameEvent, String> preview(TimelineModel model) {
        TableColumn<FrameEvent, String> column = text("Payload", 380, "The payload: text, or the first bytes in hex;"
                + " [in brackets] what the intercepting proxy did to it", f -> RelayBadge.prefixed(
                        RelayBadge.ofFrame(model, f), FramePreview.of(f, PREVIEW_CHARS)));
        column.getStyleClass().add("preview-column");
        return column;
    }
}
