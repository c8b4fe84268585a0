package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.EventVisitor;
import dev.framescope.capture.text.UnansweredPings;
import dev.framescope.decode.DecodeInput;
import dev.framescope.ui.frame.DecodedView;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.LazyTabs;
import dev.framescope.ui.fx.PulseListener;
import dev.framescope.wire.CloseCode;
import dev.framescope.wire.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The connection-level tabs of the detail pane — Handshake, Violations, Heartbeat, Close, Notes — fed incrementally
 * from the selected connection's log a few times a second.
 */
public final class ConnectionDetails implements PulseListener {

    private static final long REFRESH_NANOS = 250_000_000L;
    /** Events read per pulse at most, and events other than a plain frame's (those cost more to look at). */
    private static final int MAX_PER_PULSE = 40_000;
    private static final int MAX_EVENTS_PER_PULSE = 2_500;
    private boolean catchingUp;

    /** A finding and the event that carries it (a frame, a handshake, a stream-level violation). */
    public record Located(Finding finding, CaptureEvent event) {
    }

    private final ObservableList<Located> findings = FXCollections.observableArrayList();
    private final HeartbeatView heartbeatView = new HeartbeatView();
    private final NotesView notesView = new NotesView();
    private final HandshakeView handshake = new HandshakeView();
    /** Whether the log held a close event: a failure then leaves the Close tab alone. */
    /** Pings left unanswered at the end, written just before the close event: shown with it. */
    private final UnansweredPings unanswered = new UnansweredPings();
    private boolean closed;
    private final Label close = new Label("Not closed");
    private final Label extensionsText = new Label("No extension offered");
    private final Label messageSummary = new Label("Select a data frame to see its message.");
    private final TextArea messageText = mono();
    private final ListView<String> fragmentList = new ListView<>();
    private final DecodedView messageDecoded;
    private final long[] wire = new long[2];
    private final long[] inflated = new long[2];
    private final long[] compressedMessages = new long[2];
    private String negotiated = "";
    private final ListView<Located> findingsList = new ListView<>(findings);
    private Optional<CaptureLog> log = Optional.empty();
    private int next;
    private long lastRefresh;
    private final ProtocolView protocol;
    private final ToLongFunction<FrameEvent> frameNumber;

    private final Function<CaptureEvent.MessageEvent, Optional<String>> relayBadge;

    /**
     * @param timeline   numbers frames as the table does, and names what the proxy did to a message
     * @param background where a large message decodes
     */
    public ConnectionDetails(TabPane tabs, Consumer<CaptureEvent> selectEvent, TimelineModel timeline,
                             Background background) {
        this.frameNumber = timeline::frameNumber;
        this.relayBadge = m -> RelayBadge.ofMessage(timeline, m);
        messageDecoded = new DecodedView("message-decoded", background);
        tab(tabs, "handshakeTab", "Handshake").setContent(handshake.node());
        Tab violations = tab(tabs, "findingsTab", "Violations");
        findingsList.setId("violations-list");
        findingsList.setPlaceholder(new Label("No violations: every rule held."));
        findingsList.setCellFactory(v -> new FindingCell(frameNumber));
        findingsList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selectEvent.accept(now.event());
            }
        });
        violations.setContent(findingsList);
        Tab extensions = new Tab("Extensions", padded(extensionsText));
        extensions.setId("extensionsTab");
        Tab message = new Tab("Message", messagePane());
        message.setId("messageTab");
        tabs.getTabs().add(1, message);
        Tab heartbeat = new Tab("Heartbeat", heartbeatView.node());
        heartbeat.setId("heartbeatTab");
        close.getStyleClass().add("close-summary");
        Tab closeTab = new Tab("Close", padded(close));
        closeTab.setId("closeTab");
        Tab notes = new Tab("Notes", notesView.node());
        notes.setId("notesTab");
        tabs.getTabs().addAll(extensions, heartbeat, closeTab, notes);
        tabs.getTabs().forEach(t -> t.setClosable(false));
        protocol = new ProtocolView(tabs, selectEvent);
        LazyTabs.install(tabs);
    }

    /** The Protocol tab (JSON-RPC / GraphQL calls), shown only for such traffic. */
    public ProtocolView protocol() {
        return protocol;
    }

    public ObservableList<Located> findings() {
        return findings;
    }

    /** The Message tab's decoded view of the reassembled message. */
    public DecodedView decodedView() {
        return messageDecoded;
    }

    public XYChart.Series<Number, Number> rttSeries() {
        return heartbeatView.rttSeries();
    }

    /** The Notes tab's notes. */
    ObservableList<CaptureEvent.NoteEvent> notes() {
        return notesView.notes();
    }

    HeartbeatView heartbeat() {
        return heartbeatView;
    }

    public Label handshakeSummary() {
        return handshake.summary();
    }

    /** The Handshake tab's line saying the connection's protocol mode. */
    public Label handshakeMode() {
        return handshake.modeLine();
    }

    public TextArea requestText() {
        return handshake.requestText();
    }

    public void show(Optional<CaptureLog> selected) {
        log = selected;
        next = 0;
        findings.clear();
        heartbeatView.clear();
        notesView.show(selected);
        handshake.show(selected);
        close.setText("Not closed");
        closed = false;
        unanswered.clear();
        extensionsText.setText("No extension offered");
        negotiated = "";
        Arrays.fill(wire, 0);
        Arrays.fill(inflated, 0);
        Arrays.fill(compressedMessages, 0);
        lastRefresh = 0;
        refresh();
        protocol.show(selected);
    }

    @Override
    public void onPulse(long nowNanos) {
        protocol.onPulse(nowNanos);
        boolean behind = log.isPresent() && log.get().size() - next > 0 && catchingUp;
        if (log.isEmpty() || !behind && nowNanos - lastRefresh < REFRESH_NANOS) {
            return;
        }
        lastRefresh = nowNanos;
        refresh();
    }

    private void refresh() {
        if (log.isEmpty()) {
            return;
        }
        CaptureLog l = log.get();
        // A bounded batch per pulse keeps each pulse short; while behind, the next pulses continue. A plain frame's
        // events are only counted (the Heartbeat tab's messages per second), never built: opening a file of a million
        // frames built two million events here, garbage that paused the window for the collector.
        List<CaptureEvent> batch = new ArrayList<>();
        int read = Drains.visit(l, next, MAX_PER_PULSE, MAX_EVENTS_PER_PULSE, new EventVisitor() {
            @Override
            public void event(CaptureEvent e) {
                batch.add(e);
            }

            @Override
            public void plain(int seq, boolean message, long nanos, boolean out, boolean text) {
                heartbeatView.plain(l.secondsSinceStart(nanos), message);
            }
        });
        catchingUp = read >= Drains.SLICE || batch.size() == MAX_EVENTS_PER_PULSE;
        if (read == 0) {
            return;
        }
        next += read;
        List<Located> newFindings = new ArrayList<>();
        boolean extensionsChanged = false;
        for (CaptureEvent e : batch) {
            if (!(e instanceof CaptureEvent.MessageEvent)) {
                e.findings().forEach(f -> newFindings.add(new Located(f, e)));
            }
            if (handshake.take(e)) {
                continue;
            } else if (e instanceof CaptureEvent.NegotiationEvent n) {
                negotiated = "Offered:  " + (n.offered().isEmpty() ? "nothing" : n.offered()) + "\nAccepted: "
                        + (n.accepted().isEmpty() ? "none" : n.accepted()) + "\n\n" + String.join("\n", n.effects());
                extensionsChanged = true;
            } else if (e instanceof CaptureEvent.FrameEvent f && f.inflated().isPresent()) {
                int d = f.dir().ordinal();
                wire[d] += f.payload().length();
                inflated[d] += f.inflated().get().length();
                extensionsChanged = true;
            } else if (e instanceof CaptureEvent.MessageEvent m && m.header().compressed()) {
                compressedMessages[m.dir().ordinal()]++;
            } else if (e instanceof CaptureEvent.HeartbeatEvent h && h.kind().unanswered()) {
                unanswered.accept(h);
            } else if (e instanceof CaptureEvent.CloseEvent c) {
                close.setText(closeText(c, unanswered));
                closed = true;
            } else if (e instanceof CaptureEvent.StateEvent st && st.state() == ConnectionState.FAILED) {
                failed(FailureReason.explain(st.detail()));
            }
        }
        findings.addAll(newFindings);
        heartbeatView.add(batch, l);
        notesView.add(batch);
        if (extensionsChanged) {
            extensionsText.setText(negotiated + "\n\n" + ratio("Server → client", 0) + "\n" + ratio("Client → server", 1));
        }
    }

    private String ratio(String direction, int d) {
        if (wire[d] == 0) {
            return direction + ": nothing compressed";
        }
        return String.format(Locale.ROOT, "%s: %,d compressed message%s, %,d B on the wire → %,d B inflated (%.1f×)",
                direction, compressedMessages[d], compressedMessages[d] == 1 ? "" : "s", wire[d], inflated[d],
                inflated[d] / (double) wire[d]);
    }

    /** The Message tab for a message chosen in the Messages view. */
    public void showMessage(CaptureEvent.MessageEvent message) {
        fragmentList.getItems().clear();
        messageText.clear();
        log.ifPresent(l -> show(new MessageLookup.Found(message, MessageLookup.fragmentsOf(l, message))));
    }

    /** The Message tab for a selected frame: its reassembled message and the fragments that carried it. */
    public void showMessage(Optional<CaptureEvent.FrameEvent> frame) {
        fragmentList.getItems().clear();
        messageText.clear();
        Optional<MessageLookup.Found> found = log.flatMap(l -> frame.flatMap(f -> MessageLookup.of(l, f)));
        if (found.isEmpty()) {
            messageDecoded.setInput(Optional.empty());
            messageSummary.setText(frame.isPresent() && frame.get().messageOpcode().isPresent()
                    ? "The message is not complete yet." : "Select a data frame to see its message.");
            return;
        }
        show(found.get());
    }

    private void show(MessageLookup.Found found) {
        var m = found.message().message();
        messageSummary.setText(String.format(Locale.ROOT, "%s message · %d frame%s · %,d B%s%s%s",
                m.opcode().shortName(), m.frameCount(), m.frameCount() == 1 ? "" : "s", m.length(),
                m.compressed() ? String.format(Locale.ROOT, " (%,d B compressed)", m.wireLength()) : "",
                m.findings().isEmpty() ? "" : " · ⚠ " + m.findings().stream().map(x -> x.violation().id()).toList(),
                relayBadge.apply(found.message()).map(b -> " · " + b).orElse("")));
        String body = m.isText() ? new String(m.payload(), StandardCharsets.UTF_8)
                : HexFormat.ofDelimiter(" ").formatHex(m.payload(), 0, Math.min(m.payload().length, 65536));
        messageText.setText(m.truncated() ? body + "\n… (" + m.length() + " bytes in all)" : body);
        messageDecoded.setInput(Optional.of(DecodeInput.of(m.payload(), m.isText())));
        for (CaptureEvent.FrameEvent f : found.fragments()) {
            fragmentList.getItems().add(String.format(Locale.ROOT, "#%d  %s  FIN=%d  RSV=%s  %s B  at byte %,d",
                    frameNumber.applyAsLong(f), f.header().opcode().shortName(), f.header().fin() ? 1 : 0,
                    TimelineView.rsv(f.header()),
                    f.header().lengthMsbSet() ? f.header().payloadLengthText()
                            : String.format(Locale.ROOT, "%,d", f.header().payloadLength()),
                    f.header().streamOffset()));
        }
    }

    private VBox messagePane() {
        messageSummary.setId("message-summary");
        messageSummary.getStyleClass().add("detail-heading");
        fragmentList.setId("message-fragments");
        fragmentList.getStyleClass().add("mono");
        // Three rows at least, however short the detail pane: a VBox squeezed it to nothing before.
        fragmentList.setMinHeight(3 * 24 + 4);
        fragmentList.setPrefHeight(110);
        Tab reassembled = new Tab("Reassembled", messageText);
        Tab decoded = new Tab("Decoded", messageDecoded);
        decoded.setId("message-tab-decoded");
        TabPane views = new TabPane(reassembled, decoded);
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        messageDecoded.setActive(false);
        decoded.selectedProperty().addListener((o, was, now) -> messageDecoded.setActive(now));
        views.setMinHeight(80);
        VBox fragments = new VBox(4, new Label("Fragments"), fragmentList);
        VBox.setVgrow(fragmentList, Priority.ALWAYS);
        SplitPane split = new SplitPane(fragments, views);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(6, messageSummary, split);
        box.setPadding(new Insets(10));
        return box;
    }

    /** A failure says why where the handshake and the close would have been. */
    private void failed(FailureReason why) {
        handshake.failed(why);
        if (!closed) {
            close.setText("Never opened: " + why.reason() + "\n(failed during " + why.phase() + ")");
        }
    }

    static String closeText(CaptureEvent.CloseEvent c, UnansweredPings unanswered) {
        List<String> lines = unanswered.lines();
        return lines.isEmpty() ? closeText(c) : closeText(c) + "\n" + String.join("\n", lines) + ".";
    }

    static String closeText(CaptureEvent.CloseEvent c) {
        StringBuilder sb = new StringBuilder();
        sb.append(switch (c.initiator()) {
            case CLIENT -> "We closed first.";
            case SERVER -> "The server closed first.";
            case NONE -> "The TCP connection ended without a close frame (1006, abnormal).";
        }).append('\n');
        c.sentCode().ifPresent(code -> sb.append("Sent: ").append(CloseCode.describe(code))
                .append(c.sentReason().isEmpty() ? "" : " — \"" + c.sentReason() + "\"").append('\n'));
        c.receivedCode().ifPresent(code -> sb.append("Received: ").append(CloseCode.describe(code))
                .append(c.receivedReason().isEmpty() ? "" : " — \"" + c.receivedReason() + "\"").append('\n'));
        if (c.receivedCode().isEmpty() && (c.initiator() == CaptureEvent.Initiator.SERVER || c.clean())) {
            sb.append("Received: a close frame with no status code (read as 1005, RFC 6455 §7.1.5)\n");
        }
        sb.append(c.clean() ? "Clean: both close frames crossed." : "Abnormal: the close handshake did not complete.");
        c.handshakeNanos().ifPresent(n -> sb.append(String.format(Locale.ROOT, "\nClose handshake took %.2f ms.",
                n / 1e6)));
        return sb.toString();
    }

    private static Tab tab(TabPane tabs, String id, String text) {
        Tab tab = tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseGet(() -> {
            Tab t = new Tab();
            t.setId(id);
            tabs.getTabs().add(t);
            return t;
        });
        tab.setText(text);
        return tab;
    }

    static TextArea mono() {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.setPrefRowCount(9);
        area.getStyleClass().add("mono");
        return area;
    }

    private static ScrollPane padded(Label label) {
        label.setWrapText(true);
        label.setPadding(new Insets(10));
        ScrollPane pane = new ScrollPane(label);
        // The label wraps at the pane's width instead of growing past it.
        pane.setFitToWidth(true);
        return pane;
    }

    private static final class FindingCell extends ListCell<Located> {
        private final ToLongFunction<FrameEvent> frameNumber;

        FindingCell(ToLongFunction<FrameEvent> frameNumber) {
            this.frameNumber = frameNumber;
        }

        @Override
        protected void updateItem(Located item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                return;
            }
            Finding f = item.finding();
            String where = item.event() instanceof CaptureEvent.FrameEvent fe
                    ? "frame #" + frameNumber.applyAsLong(fe) + " " + fe.dir().arrow() + " " + fe.header().opcode().shortName() : "";
            setText("⚠ " + f.violation().id() + "  ·  " + f.violation().rfcSection() + "  ·  " + where + "\n"
                    + f.violation().message() + (f.detail().isEmpty() ? "" : " (" + f.detail() + ")")
                    + (f.streamOffset() >= 0 ? " — at byte " + f.streamOffset() : ""));
        }
    }
}
