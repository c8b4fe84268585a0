package dev.framescope.ui.live;

import dev.framescope.ui.fx.Plural;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.EventVisitor;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.subprotocol.Call;
import dev.framescope.decode.subprotocol.CallCorrelator;
import dev.framescope.decode.subprotocol.Flow;
import dev.framescope.decode.subprotocol.Unmatched;
import dev.framescope.ui.fx.PulseListener;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Protocol tab: JSON-RPC calls or GraphQL operations of the selected connection with their latency, matched by
 * a {@link CallCorrelator} fed from the capture log in batches on the pump's pulse. The tab appears once the
 * connection's subprotocol or its first text messages show JSON-RPC or GraphQL; selecting a row selects the
 * request's frame in the timeline.
 */
public final class ProtocolView implements PulseListener {

    private static final long REFRESH_NANOS = 250_000_000L;
    private static final int MAX_PER_PULSE = 2_500;
    /** Text messages looked at before deciding the connection speaks neither protocol. */
    private static final int SNIFF_LIMIT = 200;

    private final TabPane tabs;
    private final Tab tab = new Tab("Protocol");
    private final ObservableList<Call> rows = FXCollections.observableArrayList();
    private final TableView<Call> table = new TableView<>(rows);
    private final Label heading = new Label();
    private final Label unmatchedText = new Label();
    private final Consumer<CaptureEvent> selectEvent;
    private Optional<CaptureLog> log = Optional.empty();
    private Optional<CallCorrelator> correlator = Optional.empty();
    private Optional<String> subprotocol = Optional.empty();
    private volatile int next;
    private int sniffed;
    private boolean gaveUp;
    private boolean catchingUp;
    private long lastRefresh;
    private long shownChanges = -1;

    public ProtocolView(TabPane tabs, Consumer<CaptureEvent> selectEvent) {
        this.tabs = tabs;
        this.selectEvent = selectEvent;
        tab.setId("protocolTab");
        tab.setClosable(false);
        table.setId("protocol-table");
        table.setPlaceholder(new Label("No requests yet."));
        table.getColumns().addAll(List.of(
                column("", 30, c -> c.flow() == Flow.CLIENT_TO_SERVER ? "→" : "←"),
                column("method / operation", 180, c -> c.name() + (c.batch() ? "  [batch]" : "")),
                column("id", 60, Call::id),
                column("sent (s)", 90, c -> seconds(c.requestNanos())),
                column("answered (s)", 125, c -> c.responseNanos().isPresent()
                        ? seconds(c.responseNanos().getAsLong()) : ""),
                column("latency", 90, c -> c.latency().map(d -> String.format(Locale.ROOT, "%.2f ms",
                        d.toNanos() / 1e6)).orElse("")),
                column("results", 85, c -> c.protocol().equals("graphql") ? String.valueOf(c.responses()) : ""),
                column("outcome", 260, Call::outcomeText)));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selectRequest(now);
            }
        });
        heading.getStyleClass().add("detail-heading");
        heading.setId("protocol-heading");
        unmatchedText.setId("protocol-unmatched");
        unmatchedText.setWrapText(true);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(6, heading, table, unmatchedText);
        box.setPadding(new Insets(10));
        tab.setContent(box);
    }

    public TableView<Call> table() {
        return table;
    }

    public Tab tab() {
        return tab;
    }

    /** How many of the connection's events this view has looked at (tests await it). */
    int eventsRead() {
        return next;
    }

    /** Starts over for another connection (or none): the tab hides until its traffic says JSON-RPC or GraphQL. */
    public void show(Optional<CaptureLog> selected) {
        log = selected;
        correlator = Optional.empty();
        subprotocol = Optional.empty();
        next = 0;
        sniffed = 0;
        gaveUp = false;
        shownChanges = -1;
        lastRefresh = 0;
        rows.clear();
        unmatchedText.setText("");
        tabs.getTabs().remove(tab);
        refresh();
    }

    @Override
    public void onPulse(long nowNanos) {
        if (log.isEmpty() || gaveUp) {
            return;
        }
        if (!catchingUp && nowNanos - lastRefresh < REFRESH_NANOS) {
            return;
        }
        lastRefresh = nowNanos;
        refresh();
    }

    private void refresh() {
        if (log.isEmpty() || gaveUp) {
            return;
        }
        CaptureLog l = log.get();
        // Only text messages matter: a plain frame's message event is built when it is text, no other event of it.
        int read = l.visit(next, MAX_PER_PULSE, MAX_PER_PULSE, new EventVisitor() {
            @Override
            public void event(CaptureEvent e) {
                if (e instanceof CaptureEvent.HandshakeEvent h) {
                    subprotocol = h.subprotocol();
                } else if (e instanceof CaptureEvent.MessageEvent m && m.message().isText() && !gaveUp) {
                    feed(m);
                }
            }

            @Override
            public void plain(int seq, boolean message, long nanos, boolean out, boolean text) {
                if (message && text && !gaveUp) {
                    feed((CaptureEvent.MessageEvent) l.get(seq));
                }
            }
        });
        catchingUp = read == MAX_PER_PULSE;
        next += read;
        if (!gaveUp) {
            correlator.ifPresent(this::render);
        }
    }

    private void feed(CaptureEvent.MessageEvent m) {
        byte[] payload = m.message().payload();
        if (correlator.isEmpty()) {
            correlator = CallCorrelator.forTraffic(new DecodeInput(payload, true, subprotocol));
            if (correlator.isEmpty()) {
                gaveUp = ++sniffed >= SNIFF_LIMIT;
                return;
            }
            heading.setText(correlator.get() instanceof dev.framescope.decode.subprotocol.JsonRpcCorrelator
                    ? "JSON-RPC 2.0 calls" : "GraphQL operations" + subprotocol.map(p -> " (" + p + ")").orElse(""));
            if (!tabs.getTabs().contains(tab)) {
                tabs.getTabs().add(tab);
            }
        }
        correlator.get().accept(m.dir() == Direction.OUT ? Flow.CLIENT_TO_SERVER : Flow.SERVER_TO_CLIENT, m.nanos(),
                payload, m.seq());
    }

    /** Brings the rows up to date: calls only grow or change in place, so only those are touched. */
    private void render(CallCorrelator c) {
        if (c.changes() == shownChanges) {
            return;
        }
        shownChanges = c.changes();
        List<Call> calls = c.calls();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).equals(calls.get(i))) {
                rows.set(i, calls.get(i));
            }
        }
        if (calls.size() > rows.size()) {
            rows.addAll(calls.subList(rows.size(), calls.size()));
        }
        List<Unmatched> unmatched = c.unmatchedResponses();
        unmatchedText.setText(unmatched.isEmpty() ? "" : Plural.of(unmatched.size(), "response") + " matching no request: "
                + String.join(", ", unmatched.stream().limit(20).map(u -> u.what() + " id=" + u.id()).toList())
                + (unmatched.size() > 20 ? " …" : ""));
    }

    /** Selects the request's first frame in the timeline and keeps this tab in front. */
    private void selectRequest(Call call) {
        if (log.isEmpty() || call.requestRef() < 0 || call.requestRef() >= log.get().size()) {
            return;
        }
        CaptureEvent request = log.get().get((int) call.requestRef());
        if (request instanceof CaptureEvent.MessageEvent m) {
            MessageLookup.fragmentsOf(log.get(), m).stream().findFirst().ifPresent(selectEvent);
            tabs.getSelectionModel().select(tab);
        }
    }

    private String seconds(long nanos) {
        return log.map(l -> String.format(Locale.ROOT, "%.3f", l.secondsSinceStart(nanos))).orElse("");
    }

    private static TableColumn<Call, String> column(String title, double width, Function<Call, String> value) {
        TableColumn<Call, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
