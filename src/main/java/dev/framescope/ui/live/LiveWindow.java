package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Payload;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.ui.MainWindowController;
import dev.framescope.ui.frame.FrameDetail;
import dev.framescope.ui.fx.FxPump;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Puts the live views into the main window's panes and connects them to the session and the pump. */
public final class LiveWindow {

    private final SessionModel session;
    private final TimelineModel timeline = new TimelineModel();
    private Runnable clearFilter = () -> { };
    private Runnable applyFilter = () -> { };
    private Optional<long[]> secondsRange = Optional.empty();
    private final javafx.scene.control.Button rangeChip = new javafx.scene.control.Button();
    private final RecentFiles recent = new RecentFiles(RecentFiles.defaultStore());
    private final ConnectionsView connections;
    private final TimelineView table;
    private final MainWindowController window;
    private final Label filterProblem = new Label();
    private final ConnectionDetails details;
    private final ComposerView composer;
    private final MessagesView messagesView;
    private BorderPane centerPane;
    private final TimeStrip strip;
    private final java.util.List<String> history = new java.util.ArrayList<>();
    private final TextField search = new TextField();
    private final ToggleButton messagesToggle = new ToggleButton("Messages");
    private final SelectionExport<FrameEvent> frameSelection;
    private final SelectionExport<dev.framescope.capture.CaptureEvent.MessageEvent> messageSelection;
    private final FxPump pump;

    public LiveWindow(MainWindowController window, SessionModel session, FxPump pump) {
        this.window = window;
        this.session = session;
        this.pump = pump;
        this.connections = new ConnectionsView(session.connections());
        this.table = new TimelineView(timeline);
        javafx.scene.layout.VBox.setVgrow(connections, Priority.ALWAYS);
        window.connectionsContent().getChildren().setAll(new javafx.scene.layout.VBox(4, environmentBar(),
                environmentsProblem(), connections));
        strip = new TimeStrip(timeline, this::jumpToSecond, this::filterSeconds);
        messagesView = new MessagesView(timeline);
        timeline.foldsChangedProperty().addListener((o, was, now) -> applyFilter.run());
        frameSelection = new SelectionExport<>(table, timeline, () -> window.keepSecretsItem().isSelected());
        table.getContextMenu().getItems().add(new javafx.scene.control.SeparatorMenuItem());
        table.getContextMenu().getItems().addAll(frameSelection.menuItems("frames"));
        messageSelection = new SelectionExport<>(messagesView, timeline, () -> window.keepSecretsItem().isSelected());
        messagesView.setContextMenu(new javafx.scene.control.ContextMenu(messageSelection.menuItems("messages")
                .toArray(javafx.scene.control.MenuItem[]::new)));
        BorderPane center = new BorderPane(table);
        centerPane = center;
        center.setTop(new javafx.scene.layout.VBox(filterBar(), strip));
        window.frameTableContent().getChildren().setAll(center);
        composer = new ComposerView(() -> selected().flatMap(LiveConnection::connection));
        composer.setVariables(() -> session.environments().get().variables());
        HBox.setHgrow(composer, Priority.ALWAYS);
        window.composerPane().getChildren().setAll(composer);
        details = new ConnectionDetails(window.detailTabs(), this::selectEvent);
        details.heartbeat().useConnection(() -> selected().flatMap(LiveConnection::connection));
        connections.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            clearFilter.run();
            composer.connectionChanged();
            strip.reset();
            timeline.show(Optional.ofNullable(now).map(LiveConnection::log));
            details.show(Optional.ofNullable(now).map(LiveConnection::log));
            window.protobufSchemaItem().setDisable(now == null);
            if (now != null) {
                window.frameDetail().payloadView().decodedView().setSettings(now.decoding());
                details.decodedView().setSettings(now.decoding());
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showDetail(now));
        messagesView.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                details.showMessage(now);
                window.detailTabs().getSelectionModel().select(1);
            }
        });
        installMenus();
        window.protobufSchemaItem().setOnAction(e -> {
            var payload = window.frameDetail().payloadView();
            window.detailTabs().getSelectionModel().select(0);
            payload.getSelectionModel().select(payload.decodedTab());
            payload.decodedView().chooseSchema();
        });
        acceptDroppedSessions();
        installConnectionMenu();
        pump.register(timeline);
        pump.register(connections);
        pump.register(details);
        pump.register(strip);
        pump.register(now -> status());
    }

    /**
     * Starts the demo endpoint and opens its ticker, an echo with permessage-deflate and a heartbeat, and the chaos
     * scenario; the ticker is selected.
     */
    public void openDemo() throws InterruptedException {
        int rate = Integer.getInteger("framescope.demo.tickerRate", 10);
        LiveConnection ticker = session.open("demo ticker", ConnectionSpec.to(session.demoUrl("/ticker?rate=" + rate)));
        int tickers = Integer.getInteger("framescope.demo.tickers", 1);
        if (tickers > 1) {
            // Load measurement (scripts/gui-bench.sh with TICKERS): only tickers, so sent and captured compare exactly.
            for (int i = 2; i <= tickers; i++) {
                session.open("demo ticker " + i, ConnectionSpec.to(session.demoUrl("/ticker?rate=" + rate)));
            }
            connections.getSelectionModel().select(ticker);
            return;
        }
        session.open("demo echo (deflate)", ConnectionSpec.to(session.demoUrl("/echo"))
                .withExtensionOffers(java.util.List.of("permessage-deflate; client_max_window_bits"))
                .withHeartbeat(HeartbeatPolicy.every(Duration.ofSeconds(1))));
        session.open("demo chaos (violations)", ConnectionSpec.to(session.demoUrl("/chaos")));
        sendWhenOpen(session.open("demo JSON-RPC", ConnectionSpec.to(session.demoUrl("/jsonrpc?notify=5000"))),
                java.util.List.of("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"slow\",\"params\":{\"ms\":400},\"id\":2}",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"id\":3}",
                        "[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2,3],\"id\":4},"
                                + "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":5}]"));
        connections.getSelectionModel().select(ticker);
    }

    /** Sends a few messages once the connection is open (checked on the pulse), so the demo has calls to show. */
    private void sendWhenOpen(LiveConnection c, java.util.List<String> messages) {
        FxPump.Registration[] once = new FxPump.Registration[1];
        once[0] = pump.register(now -> c.connection().ifPresentOrElse(connection -> {
            switch (connection.state()) {
                case OPEN -> {
                    messages.forEach(connection::sendText);
                    once[0].close();
                }
                case CLOSING, CLOSED, FAILED -> once[0].close();
                default -> { }
            }
        }, () -> once[0].close()));
    }

    public TimelineView table() {
        return table;
    }

    public ConnectionsView connections() {
        return connections;
    }

    public ConnectionDetails details() {
        return details;
    }

    /** Shows an event's frame: clears filters that hide it, selects and reveals it, opens the Frame tab. */
    private void selectEvent(dev.framescope.capture.CaptureEvent event) {
        if (event instanceof FrameEvent f) {
            if (!table.shown().contains(f)) {
                clearFilter.run();
            }
            table.followProperty().set(false);
            table.getSelectionModel().select(f);
            table.scrollTo(f);
            window.detailTabs().getSelectionModel().select(0);
        }
    }

    /** A click on the time strip: the first shown frame at or after that second, follow mode off. */
    private void jumpToSecond(long second) {
        if (timeline.log().isEmpty()) {
            return;
        }
        var log = timeline.log().get();
        long target = log.nanoAnchor() + second * 1_000_000_000L;
        int lo = 0;
        var shown = table.shown();
        int hi = shown.size();
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (shown.get(m).nanos() < target) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        if (lo < shown.size()) {
            table.followProperty().set(false);
            table.getSelectionModel().clearAndSelect(lo);
            table.scrollTo(lo);
        }
    }

    public TimeStrip strip() {
        return strip;
    }

    public MessagesView messagesView() {
        return messagesView;
    }

    public TimelineModel timeline() {
        return timeline;
    }

    private Optional<LiveConnection> selected() {
        return Optional.ofNullable(connections.getSelectionModel().getSelectedItem());
    }

    private void installMenus() {
        window.newConnectionItem().setDisable(false);
        window.newConnectionItem().setOnAction(e -> newConnection());
        window.openSessionItem().setDisable(false);
        window.openSessionItem().setOnAction(e -> openSession());
        window.copyItem().setDisable(false);
        window.copyItem().setOnAction(e -> copyPayload());
        window.findItem().setDisable(false);
        window.findItem().setOnAction(e -> search.requestFocus());
        window.clearItem().setDisable(false);
        window.clearItem().setOnAction(e -> {
            timeline.clearView();
            strip.reset();
        });
        window.saveSessionItem().setDisable(false);
        window.saveSessionItem().setOnAction(e -> saveSession());
        window.exportItem().setDisable(false);
        window.exportItem().setOnAction(e -> exportConnection());
        window.importHarItem().setDisable(false);
        window.importHarItem().setOnAction(e -> importHar());
        window.keepSecretsItem().setDisable(false);
        window.environmentsItem().setDisable(false);
        window.environmentsItem().setOnAction(e -> editEnvironments());
        window.recentMenu().setDisable(false);
        recent.load(RecentFiles.formerStore());
        refreshRecent();
    }

    /** Saves the selected connection as a session file (secrets redacted). */
    private void saveSession() {
        Optional<LiveConnection> c = selected();
        if (c.isEmpty()) {
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Save session");
        chooser.setInitialFileName("capture.fscap");
        java.io.File file = chooser.showSaveDialog(window.root().getScene().getWindow());
        if (file != null) {
            saveSession(c.get(), file.toPath());
        }
    }

    public void saveSession(LiveConnection c, java.nio.file.Path file) {
        try (var writer = dev.framescope.capture.io.SessionFiles.create(file, false)) {
            writer.write(c.log(), c.log().readFrom(0, c.log().size()));
            recent.add(file);
            refreshRecent();
        } catch (java.io.IOException ex) {
            alert("Cannot save " + file.getFileName(), ex.getMessage());
        }
    }

    private void refreshRecent() {
        window.recentMenu().getItems().setAll(recent.files().stream().map(p -> {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> openSession(p));
            return item;
        }).toList());
        if (window.recentMenu().getItems().isEmpty()) {
            javafx.scene.control.MenuItem none = new javafx.scene.control.MenuItem("No recent sessions");
            none.setDisable(true);
            window.recentMenu().getItems().add(none);
        }
    }

    /** A session file dropped on the window opens like File → Open Session. */
    private void acceptDroppedSessions() {
        var root = window.root();
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasFiles();
            if (done) {
                e.getDragboard().getFiles().forEach(f -> openSession(f.toPath()));
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** The connection dialog; the new connection is selected. */
    private void newConnection() {
        ConnectionDialog dialog = connectionDialog();
        dialog.showAndWait().ifPresent(spec -> open(dialog.template(), spec));
    }

    /** The dialog, resolving variables against the active environment. */
    ConnectionDialog connectionDialog() {
        return new ConnectionDialog(window.root().getScene().getWindow(), history)
                .usingVariables(() -> session.environments().get().variables());
    }

    /**
     * Opens a connection from the dialog: history and name keep the URL as written (variables unresolved), so a
     * secret never lands in either.
     */
    public LiveConnection open(dev.framescope.engine.ConnectionTemplate template,
                               dev.framescope.engine.ConnectionSpec spec) {
        history.remove(template.url());
        history.add(0, template.url());
        var envs = session.environments().get();
        String name = dev.framescope.capture.io.Redactor.url(template.url(),
                template.resolve(envs.variables()).secrets());
        LiveConnection c = session.open(name, template, spec, envs);
        connections.getSelectionModel().select(c);
        return c;
    }

    /** Edit → Environments…; on OK the session takes them (and saves them), and the chooser follows. */
    EnvironmentsDialog editEnvironments() {
        EnvironmentsDialog dialog = new EnvironmentsDialog(window.root().getScene().getWindow(),
                session.environments().get());
        dialog.show(envs -> session.environments().set(envs));
        return dialog;
    }

    /**
     * Why the saved environments could not be loaded or saved: in the status bar for a while, and under the chooser
     * until clicked away (or a later save works).
     */
    private Label environmentsProblem() {
        Label problem = new Label();
        problem.setId("environments-problem");
        problem.getStyleClass().add("filter-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.setTooltip(new javafx.scene.control.Tooltip("Click to dismiss"));
        problem.managedProperty().bind(problem.visibleProperty());
        java.util.function.Consumer<String> show = text -> {
            problem.setText(text.isEmpty() ? "" : "⚠ " + text);
            problem.setVisible(!text.isEmpty());
            if (!text.isEmpty()) {
                notice(text, Duration.ofSeconds(30));
            }
        };
        show.accept(session.environmentsProblem().get());
        session.environmentsProblem().addListener((o, was, now) -> show.accept(now));
        problem.setOnMouseClicked(e -> problem.setVisible(false));
        return problem;
    }

    /** "Environment: [local ▾]" above the connections: which environment {{variables}} come from. */
    private HBox environmentBar() {
        javafx.scene.control.ChoiceBox<String> chooser = new javafx.scene.control.ChoiceBox<>();
        chooser.setId("environment-chooser");
        chooser.setTooltip(new javafx.scene.control.Tooltip("The environment {{variables}} come from "
                + "(Edit → Environments… to define them, Ctrl+Shift+E)"));
        boolean[] filling = {false};
        Runnable fill = () -> {
            var envs = session.environments().get();
            java.util.List<String> names = new java.util.ArrayList<>();
            names.add(EnvironmentsDialog.NO_ACTIVE);
            envs.all().forEach(e -> names.add(e.name()));
            filling[0] = true;
            try {
                chooser.getItems().setAll(names);
                chooser.setValue(envs.active().orElse(EnvironmentsDialog.NO_ACTIVE));
            } finally {
                filling[0] = false;
            }
        };
        fill.run();
        session.environments().addListener((o, was, now) -> fill.run());
        chooser.valueProperty().addListener((o, was, now) -> {
            if (filling[0]) {
                return;
            }
            var envs = session.environments().get();
            Optional<String> active = now == null || now.equals(EnvironmentsDialog.NO_ACTIVE) ? Optional.empty()
                    : Optional.of(now);
            if (!active.equals(envs.active()) && (active.isEmpty()
                    || envs.all().stream().anyMatch(e -> e.name().equals(active.get())))) {
                session.environments().set(envs.withActive(active));
            }
        });
        chooser.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(chooser, Priority.ALWAYS);
        HBox bar = new HBox(6, chooser);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new javafx.geometry.Insets(2, 4, 2, 4));
        return bar;
    }

    /**
     * Connections menu on the list: edit and reconnect, duplicate (a second connection with the same settings),
     * close, remove. Editing and duplicating also work on a connection loaded from a session file: it connects
     * again with the settings the file kept.
     */
    private void installConnectionMenu() {
        javafx.scene.control.MenuItem duplicate = new javafx.scene.control.MenuItem("Duplicate (connect again)");
        duplicate.setOnAction(e -> selected().ifPresent(this::connectAgain));
        javafx.scene.control.MenuItem edit = new javafx.scene.control.MenuItem("Edit and reconnect…");
        edit.setOnAction(e -> selected().ifPresent(live -> {
            ConnectionDialog dialog = editDialog(live);
            dialog.showAndWait().ifPresent(spec -> {
                live.connection().ifPresent(c -> c.close(1000, "reconnecting with new settings"));
                open(dialog.template(), spec);
            });
        }));
        javafx.scene.control.MenuItem close = new javafx.scene.control.MenuItem("Close (1000)");
        close.setOnAction(e -> selected().flatMap(LiveConnection::connection).ifPresent(c -> c.close(1000,
                "closed from Framescope")));
        javafx.scene.control.MenuItem remove = new javafx.scene.control.MenuItem("Remove");
        remove.setOnAction(e -> selected().ifPresent(session::remove));
        javafx.scene.control.MenuItem probe = new javafx.scene.control.MenuItem("Probe idle timeout");
        probe.setOnAction(e -> {
            showHeartbeatTab();
            details.heartbeat().probeIdle(details.heartbeat().probeLimit());
        });
        javafx.scene.control.MenuItem storm = new javafx.scene.control.MenuItem("Ping storm…");
        storm.setOnAction(e -> {
            showHeartbeatTab();
            details.heartbeat().focusStorm();
        });
        connections.setContextMenu(new javafx.scene.control.ContextMenu(edit, duplicate, close, remove,
                new javafx.scene.control.SeparatorMenuItem(), probe, storm));
    }

    /** The dialog filled with a connection's settings: the live spec's, or those its session file kept. */
    ConnectionDialog editDialog(LiveConnection live) {
        return connectionDialog().editing(live.options(), live.template());
    }

    /** A new connection with the same template and options, resolved against the active environment. */
    private void connectAgain(LiveConnection live) {
        try {
            open(live.template(), live.template().spec(live.options(), session.environments().get().variables()));
        } catch (IllegalArgumentException ex) {
            alert("Cannot connect again", ex.getMessage());
        }
    }

    private void showHeartbeatTab() {
        window.detailTabs().getTabs().stream().filter(t -> "heartbeatTab".equals(t.getId())).findFirst()
                .ifPresent(t -> window.detailTabs().getSelectionModel().select(t));
    }

    /** The selected frames and messages as text or JSON Lines (what the tables' context menus copy and export). */
    public SelectionExport<FrameEvent> frameSelection() {
        return frameSelection;
    }

    public SelectionExport<dev.framescope.capture.CaptureEvent.MessageEvent> messageSelection() {
        return messageSelection;
    }

    /** Shows the Messages view (one row per message) instead of the frame table, or back. */
    public void showMessages(boolean messages) {
        messagesToggle.setSelected(messages);
    }

    /** File → Export Connection…: the selected connection as pcapng, HAR, JSON Lines or text, by the chosen type. */
    private void exportConnection() {
        Optional<LiveConnection> c = selected();
        if (c.isEmpty()) {
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export connection");
        for (var f : dev.framescope.capture.io.Exports.Format.values()) {
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(f.description()
                    + " (*." + f.extension() + ")", "*." + f.extension()));
        }
        chooser.setInitialFileName("capture.pcapng");
        java.io.File file = chooser.showSaveDialog(window.root().getScene().getWindow());
        if (file == null) {
            return;
        }
        var chosen = chooser.getSelectedExtensionFilter();
        var format = dev.framescope.capture.io.Exports.Format.forFileName(file.getName()).orElseGet(() ->
                java.util.Arrays.stream(dev.framescope.capture.io.Exports.Format.values())
                        .filter(f -> chosen != null && chosen.getExtensions().contains("*." + f.extension()))
                        .findFirst().orElse(dev.framescope.capture.io.Exports.Format.PCAPNG));
        exportConnection(c.get(), file.toPath(), format);
    }

    /** Writes one connection in the given format; secrets redacted unless File → Keep Secrets in Exports. */
    public void exportConnection(LiveConnection c, java.nio.file.Path file, dev.framescope.capture.io.Exports.Format format) {
        try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
            dev.framescope.capture.io.Exports.write(format, List.of(c.log()), window.keepSecretsItem().isSelected(), out);
            notice("Exported " + c.name() + " to " + file.getFileName() + " (" + format.description()
                    + (window.keepSecretsItem().isSelected() ? ", secrets kept" : ", secrets redacted") + ")");
        } catch (java.io.IOException ex) {
            alert("Cannot export to " + file.getFileName(), ex.getMessage());
        }
    }

    /** File → Import HAR…: a browser's HAR, its WebSocket connections browsable message by message. */
    private void importHar() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Import HAR");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("HAR files", "*.har", "*.json"));
        java.io.File file = chooser.showOpenDialog(window.root().getScene().getWindow());
        if (file != null) {
            importHar(file.toPath());
        }
    }

    /**
     * Adds one connection per WebSocket entry of the HAR. HAR keeps messages, not frames, so these connections show
     * in the Messages view, flagged as message-level; what could not be read is listed.
     */
    public void importHar(java.nio.file.Path file) {
        try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
            var imported = dev.framescope.capture.io.Har.read(in, dev.framescope.capture.PayloadStore.DEFAULT_BUDGET);
            LiveConnection first = null;
            for (var log : imported.logs()) {
                LiveConnection c = session.add(file.getFileName() + " · "
                        + dev.framescope.capture.io.Redactor.url(log.label(), log.secrets()), log);
                first = first == null ? c : first;
            }
            if (first != null) {
                connections.getSelectionModel().select(first);
                showMessages(true);
            }
            recent.add(file);
            refreshRecent();
            if (imported.logs().isEmpty() || !imported.problems().isEmpty()) {
                alert(imported.logs().isEmpty() ? "No WebSocket connections in " + file.getFileName()
                        : "Some entries could not be imported", imported.problems().stream().limit(20)
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
        } catch (java.io.IOException ex) {
            alert("Cannot import " + file.getFileName(), ex.getMessage());
        }
    }

    /** Loads a session file (or a HAR); damaged lines are listed, everything else is shown. */
    private void openSession() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Open session");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Framescope sessions",
                "*.fscap", "*.jsonl"));
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("HAR files (browser)", "*.har"));
        java.io.File file = chooser.showOpenDialog(window.root().getScene().getWindow());
        if (file != null) {
            openSession(file.toPath());
        }
    }

    public void openSession(java.nio.file.Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".har")) {
            importHar(file);
            return;
        }
        try {
            var loaded = dev.framescope.capture.io.SessionFiles.load(file,
                    dev.framescope.capture.PayloadStore.DEFAULT_BUDGET);
            LiveConnection first = null;
            for (var log : loaded.logs()) {
                LiveConnection c = session.add(file.getFileName() + " · "
                        + dev.framescope.capture.io.Redactor.url(log.label(), log.secrets()), log);
                first = first == null ? c : first;
            }
            if (first != null) {
                connections.getSelectionModel().select(first);
            }
            recent.add(file);
            refreshRecent();
            if (!loaded.problems().isEmpty()) {
                alert("Some lines could not be loaded", loaded.problems().stream().limit(20)
                        .map(Object::toString).collect(java.util.stream.Collectors.joining("\n")));
            }
        } catch (java.io.IOException ex) {
            alert("Cannot open " + file.getFileName(), ex.getMessage());
        }
    }

    /** Copies the selected frame's payload (inflated when compressed) as hex. */
    private void copyPayload() {
        FrameEvent f = table.getSelectionModel().getSelectedItem();
        if (f != null) {
            byte[] bytes = f.inflated().map(Payload::bytes).orElseGet(() -> f.payload().bytes());
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(java.util.HexFormat.of().formatHex(bytes));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        }
    }

    private void alert(String header, String text) {
        warn(window.root(), header, text);
    }

    /** A warning dialog over the window that holds {@code owner}. */
    static void warn(javafx.scene.Node owner, String header, String text) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.WARNING);
        a.initOwner(owner.getScene().getWindow());
        a.setHeaderText(header);
        a.setContentText(text);
        a.show();
    }

    private HBox filterBar() {
        ChoiceBox<String> direction = new ChoiceBox<>();
        direction.getItems().addAll("Both directions", "← from server", "→ from client");
        direction.setValue("Both directions");
        ChoiceBox<FrameFilter.OpcodeClass> opcodes = new ChoiceBox<>();
        opcodes.getItems().addAll(FrameFilter.OpcodeClass.values());
        opcodes.setValue(FrameFilter.OpcodeClass.ALL);
        CheckBox violations = new CheckBox("Violations only");
        search.setId("filter-search");
        search.setPromptText("Search payloads (text, or /regex/)");
        HBox.setHgrow(search, Priority.ALWAYS);
        ChoiceBox<TimelineView.TimeMode> time = new ChoiceBox<>();
        time.getItems().addAll(TimelineView.TimeMode.values());
        time.valueProperty().bindBidirectional(table.timeModeProperty());
        time.setTooltip(new javafx.scene.control.Tooltip("Time column: relative to the connection start, "
                + "absolute wall clock, or delta to the previous row"));
        messagesToggle.setId("messages-toggle");
        messagesToggle.setTooltip(new javafx.scene.control.Tooltip("One row per reassembled message, its fragments "
                + "grouped under it (Message tab)"));
        messagesToggle.selectedProperty().addListener((o, was, now) -> {
            timeline.setMessagesShown(now);
            centerPane.setCenter(now ? messagesView : table);
        });
        ToggleButton follow = new ToggleButton("Follow");
        follow.selectedProperty().bindBidirectional(table.followProperty());
        Runnable apply = () -> {
            Optional<Direction> d = switch (direction.getValue()) {
                case "← from server" -> Optional.of(Direction.IN);
                case "→ from client" -> Optional.of(Direction.OUT);
                default -> Optional.empty();
            };
            FrameFilter filter = new FrameFilter(d, opcodes.getValue(), violations.isSelected(), search.getText());
            filterProblem.setText(filter.problem().orElse(""));
            if (filter.problem().isEmpty()) {
                show(filter);
            }
        };
        applyFilter = apply;
        rangeChip.setId("time-range");
        rangeChip.setVisible(false);
        rangeChip.managedProperty().bind(rangeChip.visibleProperty());
        rangeChip.setTooltip(new javafx.scene.control.Tooltip("Frames of this time range only; click to show all"));
        rangeChip.setOnAction(e -> {
            secondsRange = Optional.empty();
            rangeChip.setVisible(false);
            apply.run();
        });
        clearFilter = () -> {
            direction.setValue("Both directions");
            opcodes.setValue(FrameFilter.OpcodeClass.ALL);
            violations.setSelected(false);
            search.setText("");
            secondsRange = Optional.empty();
            rangeChip.setVisible(false);
            show(FrameFilter.ALL);
        };
        direction.setOnAction(e -> apply.run());
        opcodes.setOnAction(e -> apply.run());
        violations.setOnAction(e -> apply.run());
        search.textProperty().addListener((o, a, b) -> apply.run());
        filterProblem.getStyleClass().add("filter-problem");
        HBox bar = new HBox(8, direction, opcodes, violations, search, filterProblem, rangeChip, time, messagesToggle,
                follow);
        bar.setId("filter-bar");
        dev.framescope.ui.fx.Layouts.onlyThisShrinks(bar, search, 140);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        return bar;
    }

    /**
     * Unfiltered, the table shows the timeline's list itself; a FilteredList exists only while a filter is active,
     * because an idle one still copies its whole index on every append (O(n) per pulse with a million frames).
     */
    private void show(FrameFilter filter) {
        if (filter.equals(FrameFilter.ALL) && secondsRange.isEmpty() && !timeline.anyCollapsed()) {
            table.setSource(timeline.frames());
            return;
        }
        java.util.function.Predicate<FrameEvent> p = filter.predicate();
        if (timeline.anyCollapsed()) {
            p = p.and(timeline::visibleWhenFolded);
        }
        if (secondsRange.isPresent() && timeline.log().isPresent()) {
            long anchor = timeline.log().get().nanoAnchor();
            long from = anchor + secondsRange.get()[0] * 1_000_000_000L;
            long to = anchor + (secondsRange.get()[1] + 1) * 1_000_000_000L;
            p = p.and(f -> f.nanos() >= from && f.nanos() < to);
        }
        table.setSource(new FilteredList<>(timeline.frames(), p));
    }

    /** A range brushed on the time strip: only its frames are shown until the range chip is clicked. */
    private void filterSeconds(long from, long to) {
        secondsRange = Optional.of(new long[] {from, to});
        rangeChip.setText("⏱ " + from + "–" + (to + 1) + " s ✕");
        rangeChip.setVisible(true);
        table.followProperty().set(false);
        applyFilter.run();
    }

    private void showDetail(FrameEvent f) {
        details.showMessage(Optional.ofNullable(f));
        if (f == null) {
            window.frameDetail().clear();
            return;
        }
        Optional<byte[]> inflated = f.inflated().map(Payload::bytes);
        window.frameDetail().show(new FrameDetail(f.seq(), f.dir().sender(), f.frame(), inflated));
    }

    private long lastStatus;
    /** Until when a notice holds the status bar against the periodic totals. */
    private long noticeUntil;

    /** Shows a message in the status bar for a few seconds before the live totals come back. */
    void notice(String message) {
        notice(message, Duration.ofSeconds(5));
    }

    private void notice(String message, Duration hold) {
        window.statusText().setText(message);
        noticeUntil = System.nanoTime() + hold.toNanos();
    }
    private long lastFrames;

    private void status() {
        long now = System.nanoTime();
        if (now - lastStatus < 1_000_000_000L || now - noticeUntil < 0) {
            return;
        }
        long total = 0;
        for (LiveConnection c : List.copyOf(session.connections())) {
            var k = c.log().counters();
            total += k.framesIn() + k.framesOut();
        }
        double seconds = lastStatus == 0 ? 1 : (now - lastStatus) / 1e9;
        double rate = (total - lastFrames) / seconds;
        lastStatus = now;
        lastFrames = total;
        var budget = session.budget();
        window.statusText().setText(String.format(Locale.ROOT, "%d connections · %,d frames captured · %,.0f frames/s"
                + " · %,d shown of %,d in this view · capture memory %,.1f of %,d MB", session.connections().size(), total,
                rate, table.shown().size(), timeline.frames().size(), budget.used() / 1048576.0, budget.limit() >> 20));
    }
}
