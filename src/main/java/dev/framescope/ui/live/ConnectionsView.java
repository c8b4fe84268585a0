package dev.framescope.ui.live;

import dev.framescope.engine.ProtocolMode;
import dev.framescope.proxy.ProxiedLabel;
import dev.framescope.ui.fx.PulseListener;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The session's connections with state, URL and counters; refreshed a few times a second, not per frame. A connection
 * in Observe mode carries an "Observe" badge; Strict, the default and what a conforming client does, carries none —
 * a badge marks the exception, as the TLS warning does. A WebSocket recorded by the proxy carries a "via proxy" badge
 * and is titled by the app's address, with the URL it opened below.
 */
public final class ConnectionsView extends ListView<LiveConnection> implements PulseListener {

    private static final long REFRESH_NANOS = 250_000_000L;
    private static final String OBSERVE_TIP = "Observe mode: server violations are recorded but never end this connection; "
            + "it stays open until you, the server, TCP or a timeout close it.";
    private static final String PROXY_TIP = "Recorded by the intercepting proxy: another app's WebSocket, relayed "
            + "unchanged between the app and the server.";
    private long lastRefresh;

    public ConnectionsView(ObservableList<LiveConnection> connections) {
        super(connections);
        setId("connections-list");
        getStyleClass().add("connections-list");
        setPlaceholder(new Label("No connections"));
        setCellFactory(v -> new ConnectionCell());
    }

    @Override
    public void onPulse(long nowNanos) {
        if (nowNanos - lastRefresh >= REFRESH_NANOS) {
            lastRefresh = nowNanos;
            refresh();
        }
    }

    private static final class ConnectionCell extends ListCell<LiveConnection> {
        private final Label name = new Label();
        private final Label state = new Label();
        private final Label url = new Label();
        private final Label counters = new Label();
        private final Label mode = new Label(ProtocolMode.OBSERVE.label());
        private final Label proxy = new Label("via proxy");
        private final HBox title = new HBox(6, name, mode, proxy);
        private final VBox box = new VBox(2, title, state, url, counters);

        ConnectionCell() {
            box.setPadding(new Insets(4, 2, 4, 2));
            // As wide as the list, never wider: long URLs end in "…" (full URL in the tooltip), no sideways scrolling.
            setPrefWidth(0);
            name.getStyleClass().add("connection-name");
            // A long name takes a second line rather than ending in "…" (the full URL is in the tooltip).
            name.setWrapText(true);
            name.setMaxWidth(Double.MAX_VALUE);
            name.setMinHeight(Region.USE_PREF_SIZE);
            HBox.setHgrow(name, Priority.ALWAYS);
            title.setAlignment(Pos.TOP_LEFT);
            mode.getStyleClass().add("mode-badge");
            mode.setMinWidth(Region.USE_PREF_SIZE);
            mode.setTooltip(new Tooltip(OBSERVE_TIP));
            mode.managedProperty().bind(mode.visibleProperty());
            proxy.getStyleClass().add("proxy-badge");
            proxy.setMinWidth(Region.USE_PREF_SIZE);
            proxy.setTooltip(new Tooltip(PROXY_TIP));
            proxy.managedProperty().bind(proxy.visibleProperty());
            state.getStyleClass().add("connection-state");
            // A failure's reason wraps onto more lines rather than ending in "…".
            state.setMaxWidth(Double.MAX_VALUE);
            state.setMinHeight(Region.USE_PREF_SIZE);
            url.getStyleClass().add("connection-url");
            counters.getStyleClass().add("connection-counters");
        }

        @Override
        protected void updateItem(LiveConnection c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            Optional<ProxiedLabel> proxied = c.proxied();
            // Another app's WebSocket: which app (its address) in the title, the URL it opened below.
            name.setText(proxied.map(p -> "app at " + p.app()).orElse(c.name()));
            proxy.setVisible(proxied.isPresent());
            String s = c.stateText();
            Optional<FailureReason> failure = c.failure();
            state.setText("● " + s + failure.map(f -> ": " + f).orElse("")
                    + (c.insecure() ? "  ⚠ TLS NOT VERIFIED" : ""));
            state.setWrapText(failure.isPresent());
            state.getStyleClass().removeIf(x -> x.startsWith("state-"));
            state.getStyleClass().add("state-" + s);
            // As written, never resolved: a secret from a variable or auth helper must not show in the list.
            url.setText(proxied.map(ProxiedLabel::url).orElse(c.shownUrl()));
            boolean observing = c.mode() == ProtocolMode.OBSERVE;
            mode.setVisible(observing);
            setTooltip(new Tooltip(proxied.map(ProxiedLabel::text).orElse(c.shownUrl()) + failure.map(f -> "\n" + f.withPhase()).orElse("")
                    + (observing ? "\n" + OBSERVE_TIP : "")));
            var k = c.log().counters();
            counters.setText(String.format(Locale.ROOT, "↓ %,d  ↑ %,d frames  ⚠ %,d", k.framesIn(), k.framesOut(),
                    k.violations()));
            setGraphic(box);
        }
    }
}
