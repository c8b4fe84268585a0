package dev.framescope.ui.live;

import dev.framescope.ui.fx.Plural;
import dev.framescope.capture.CaptureLog;
import dev.framescope.replay.JsonMask;
import dev.framescope.replay.MockCursor;
import dev.framescope.replay.MockScript;
import dev.framescope.replay.MockServer;
import dev.framescope.replay.Recording;
import dev.framescope.replay.ReplayException;
import dev.framescope.replay.UnmatchedPolicy;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.FxPump;
import dev.framescope.ui.fx.Labels;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Connection → Serve as mock…: the recorded connection's server side served on loopback ({@link MockServer}). The
 * form sets where to listen and how client messages are matched; Start and Stop run off the FX thread. While it
 * serves, the window shows the URL to point the client at, each client with what it sent and got, and every client
 * message nothing matched; each client's capture also joins the connection list. Closing the window stops the mock.
 */
final class MockWindow {

    /** The unmatched-message policies the form offers, in words. */
    enum Policy { IGNORE, CLOSE, REPLY }

    private final Stage stage = new Stage();
    private final Recording recording;
    private final Background background;
    private final MockServer.Logs logs;
    private final Consumer<CaptureLog> addClient;
    private final TextField listen = new TextField("127.0.0.1:0");
    private final ChoiceBox<MockCursor.Match> match = new ChoiceBox<>();
    private final ChoiceBox<Policy> unmatched = new ChoiceBox<>();
    private final TextField reply = new TextField();
    private final CheckBox immediate = new CheckBox("Answer at once, not after the recorded delay");
    private final CheckBox exactFrames = new CheckBox("Exact frames: the recorded fragments, compression and pings");
    private final Button start = new Button("Start");
    private final Button stop = new Button("Stop");
    private final Label problem = new Label();
    private final TextField url = new TextField();
    private final Button copy = new Button("Copy");
    private final Label counts = new Label("Not serving.");
    private final ListView<String> clients = new ListView<>();
    private final ListView<String> unmatchedList = new ListView<>();
    /** The lists and counts follow the mock a few times a second, not every pulse. */
    private static final long REFRESH_NANOS = 200_000_000L;
    private long lastRefresh;
    private Optional<MockServer> mock = Optional.empty();
    private boolean busy;
    private int added;

    /**
     * @param logs      where each client's capture goes
     * @param addClient puts a client's capture on the connection list (FX thread)
     */
    MockWindow(Window owner, String name, Recording recording, Background background, FxPump pump,
               MockServer.Logs logs, Consumer<CaptureLog> addClient) {
        this.recording = recording;
        this.background = background;
        this.logs = logs;
        this.addClient = addClient;
        stage.initOwner(owner);
        stage.setTitle("Mock of " + name);
        Label title = new Label("Serve ‘" + name + "’ as a mock server: " + Plural.of(recording.server().size(), "recorded server message")
                + " answering " + Plural.of(recording.client().size(), "client message")
                + recording.subprotocol().map(p -> ", subprotocol " + p).orElse(""));
        title.getStyleClass().add("replay-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        VBox root = new VBox(8, title, form(), serving());
        root.setPadding(new Insets(12));
        root.getStyleClass().add("replay-window");
        Scene scene = new Scene(root, 900, 640);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        root.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.startsWith("theme-")));
        stage.setScene(scene);
        stage.setOnHidden(e -> stop());
        FxPump.Registration refresh = pump.register(now -> {
            if (now - lastRefresh >= REFRESH_NANOS) {
                lastRefresh = now;
                refresh();
            }
        });
        stage.setOnHiding(e -> refresh.close());
        showServing(false);
    }

    private GridPane form() {
        listen.setId("mock-listen");
        listen.setPromptText("127.0.0.1:9002 (port 0: any free port)");
        match.setId("mock-match");
        match.getItems().setAll(MockCursor.Match.CONTENT, MockCursor.Match.ORDER);
        Labels.use(match, m -> m == MockCursor.Match.CONTENT ? "by content (the ignore masks and ids left out)"
                : "by order (the n-th message gets the n-th answers)");
        match.setValue(MockCursor.Match.CONTENT);
        unmatched.setId("mock-unmatched");
        unmatched.getItems().setAll(Policy.values());
        Labels.use(unmatched, p -> switch (p) {
            case IGNORE -> "ignore it";
            case CLOSE -> "close with 1008";
            case REPLY -> "reply with:";
        });
        unmatched.setValue(Policy.IGNORE);
        reply.setId("mock-reply");
        reply.setPromptText("the reply's text");
        reply.disableProperty().bind(unmatched.valueProperty().isNotEqualTo(Policy.REPLY));
        immediate.setId("mock-immediate");
        exactFrames.setId("mock-exact-frames");
        if (!recording.hasFrames()) {
            exactFrames.setDisable(true);
            exactFrames.setText(exactFrames.getText() + " (this session has messages only)");
        }
        start.setId("mock-start");
        start.setDefaultButton(true);
        start.setOnAction(e -> start());
        stop.setId("mock-stop");
        stop.setOnAction(e -> stop());
        problem.setId("mock-problem");
        problem.getStyleClass().add("filter-problem");
        problem.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Listen on"), listen);
        grid.addRow(1, new Label("Match"), match);
        HBox policy = new HBox(8, unmatched, reply);
        policy.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(reply, Priority.ALWAYS);
        grid.addRow(2, new Label("Unmatched"), policy);
        grid.add(immediate, 1, 3);
        grid.add(exactFrames, 1, 4);
        HBox buttons = new HBox(8, start, stop);
        grid.add(buttons, 1, 5);
        grid.add(problem, 1, 6);
        GridPane.setHgrow(policy, Priority.ALWAYS);
        return grid;
    }

    private VBox serving() {
        url.setId("mock-url");
        url.setEditable(false);
        url.setPromptText("not serving");
        url.getStyleClass().add("mock-url");
        copy.setId("mock-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(url.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox address = new HBox(8, new Label("Point the client at"), url, copy);
        address.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(url, Priority.ALWAYS);
        counts.setId("mock-counts");
        clients.setId("mock-clients");
        clients.setPlaceholder(new Label("No client has connected yet"));
        unmatchedList.setId("mock-unmatched-list");
        unmatchedList.setPlaceholder(new Label("Every client message so far matched a recorded one"));
        Label clientsTitle = new Label("Clients (each is also on the connection list, captured)");
        Label unmatchedTitle = new Label("Client messages nothing matched");
        clientsTitle.getStyleClass().add("pane-title");
        unmatchedTitle.getStyleClass().add("pane-title");
        VBox box = new VBox(6, address, counts, clientsTitle, clients, unmatchedTitle, unmatchedList);
        VBox.setVgrow(clients, Priority.ALWAYS);
        VBox.setVgrow(unmatchedList, Priority.ALWAYS);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    /** Starts serving with what the form says; a bad address or policy is named under the form. */
    void start() {
        if (busy || mock.isPresent()) {
            return;
        }
        String where = listen.getText().strip();
        UnmatchedPolicy policy = switch (unmatched.getValue()) {
            case IGNORE -> UnmatchedPolicy.IGNORE;
            case CLOSE -> UnmatchedPolicy.CLOSE;
            case REPLY -> UnmatchedPolicy.reply(reply.getText());
        };
        MockCursor.Match how = match.getValue();
        boolean now = immediate.isSelected();
        boolean exact = exactFrames.isSelected();
        problem.setText("");
        busy = true;
        showServing(false);
        background.submit(() -> {
            MockServer server = new MockServer(address(where), MockScript.of(recording), how, List.<JsonMask>of(),
                    policy, now, logs);
            return server.exactFrames(exact).startAndWait();
        }, new Background.Outcome<MockServer>() {
            @Override
            public void succeeded(MockServer value) {
                busy = false;
                if (!stage.isShowing()) {
                    background.submit(() -> {
                        value.close();
                        return null;
                    }, x -> { });
                    return;
                }
                mock = Optional.of(value);
                problem.setText("");
                url.setText("ws://" + value.getAddress().getAddress().getHostAddress() + ":" + value.getPort() + "/");
                showServing(true);
            }

            @Override
            public void failed(Exception e) {
                busy = false;
                problem.setText(ReplayActions.words(e));
                showServing(false);
            }
        });
    }

    /** Listen address from the form: host:port, loopback only. */
    private static InetSocketAddress address(String text) throws ReplayException {
        int colon = text.lastIndexOf(':');
        String port = colon < 0 ? "" : text.substring(colon + 1);
        if (colon < 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new ReplayException("Listen on: expected host:port (e.g. 127.0.0.1:9002), not '" + text + "'");
        }
        try {
            InetAddress ip = InetAddress.getByName(colon == 0 ? "127.0.0.1" : text.substring(0, colon));
            if (!ip.isLoopbackAddress()) {
                throw new ReplayException("Listen on: the window serves on loopback only (127.0.0.1, ::1), not "
                        + text + "; the mock command can serve the network");
            }
            return new InetSocketAddress(ip, Integer.parseInt(port));
        } catch (java.net.UnknownHostException e) {
            throw new ReplayException("Listen on: unknown host in '" + text + "'");
        }
    }

    /** Stops serving; the clients' captures stay on the connection list. */
    void stop() {
        mock.ifPresent(m -> background.submit(() -> {
            m.close();
            return null;
        }, x -> { }));
        if (mock.isPresent()) {
            counts.setText(counts.getText().replaceFirst("^Serving", "Stopped"));
        }
        mock = Optional.empty();
        showServing(false);
    }

    private void showServing(boolean serving) {
        start.setDisable(serving || busy);
        stop.setDisable(!serving);
        listen.setDisable(serving || busy);
        exactFrames.setDisable(serving || busy || !recording.hasFrames());
        copy.setDisable(!serving);
        if (!serving) {
            url.setText("");
        }
    }

    /** Once a pulse: new clients join the connection list; the lists and counts follow the mock. */
    private void refresh() {
        if (mock.isEmpty()) {
            return;
        }
        MockServer m = mock.get();
        List<CaptureLog> logs = m.logs();
        for (; added < logs.size(); added++) {
            addClient.accept(logs.get(added));
        }
        List<String> rows = new ArrayList<>();
        for (CaptureLog log : logs) {
            var k = log.counters();
            rows.add(String.format(Locale.ROOT, "%s — sent %s, got %,d", log.label(), Plural.of(k.messagesOut(), "message"),
                    k.messagesIn()));
        }
        if (!rows.equals(clients.getItems())) {
            clients.getItems().setAll(rows);
        }
        List<MockServer.Unmatched> misses = m.unmatched();
        if (misses.size() != unmatchedList.getItems().size()) {
            unmatchedList.getItems().setAll(misses.stream().map(u -> "client " + u.client() + ": " + u.message())
                    .toList());
        }
        counts.setText(String.format(Locale.ROOT, "Serving: %s connected, %d gone · %s", Plural.of(logs.size(), "client"),
                m.clientsEnded(), Plural.of(misses.size(), "unmatched message")));
    }

    Stage stage() {
        return stage;
    }
}
