package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.ui.MainWindowController;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.FxPump;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The composition root of the live window: builds the parts, puts them into the main window's panes, wires them. */
public final class LiveWindow {

    /**
     * The pump, the one background executor, the config dir, an earlier version's home (recent files) and what
     * reads session files (tests hold a load part-way).
     */
    public record Services(FxPump pump, Background background, Path configDir, Path formerHome,
                           FileActions.Loader loader) {

        public Services(FxPump pump, Background background, Path configDir, Path formerHome) {
            this(pump, background, configDir, formerHome, SessionFiles::load);
        }
    }

    private final SessionModel session;
    private final MainWindowController window;
    private final TimelineModel timeline = new TimelineModel();
    private final NotificationStrip notifications = new NotificationStrip();
    private final ConnectionsView connections;
    private final TimelineView table;
    private final MessagesView messagesView;
    private final FilterBar filterBar;
    private final TimeStrip strip;
    private final ConnectionDetails details;
    private final ComposerView composer;
    private final StatusModel status;
    private final FrameNavigation navigation;
    private final FileActions files;
    private final ConnectionActions actions;
    private final SelectionExport<FrameEvent> frameSelection;
    private final QuitGuard quitGuard;
    private final InterceptPanel intercept;
    private javafx.stage.Stage interceptStage;

    public LiveWindow(MainWindowController window, SessionModel session, Services services) {
        this.window = window;
        this.session = session;
        connections = new ConnectionsView(session.connections());
        table = new TimelineView(timeline, services.background().ui());
        messagesView = new MessagesView(timeline);
        filterBar = new FilterBar(timeline, table, messagesView);
        navigation = new FrameNavigation(timeline, table, filterBar, window);
        strip = new TimeStrip(timeline, navigation::jumpToSecond, filterBar::limitTo);
        status = new StatusModel(System::nanoTime, () -> filterBar.messagesShown().get()
                ? StatusModel.Counts.of(session, messagesView.getItems().size(), timeline.messages().size())
                : StatusModel.Counts.of(session, table.shown().size(), timeline.frames().size()));
        status.attach(window.statusText(), window.statusWork(), window.statusProgress(), window.statusCancel());
        files = new FileActions(session, status, services.background(), new RecentFiles(RecentFiles.storeIn(
                services.configDir())), RecentFiles.formerStore(services.formerHome()),
                window.keepSecretsItem()::isSelected, this::select, this::selected, services.loader(),
                () -> showMessages(true), window.root());
        quitGuard = new QuitGuard(window, session, files, status);
        actions = new ConnectionActions(session, window.root(), status, this::selected, this::select,
                services.background().executor());
        composer = new ComposerView(() -> selected().flatMap(LiveConnection::connection),
                () -> session.environments().get().variables(),
                text -> notifications.report(NotificationStrip.Source.COMPOSER, text), services.background());
        filterBar.problem().addListener((o, was, now) -> notifications.report(NotificationStrip.Source.FILTER, now));
        details = new ConnectionDetails(window.detailTabs(), navigation::reveal, timeline::frameNumber,
                services.background());
        details.heartbeat().useConnection(() -> selected().flatMap(LiveConnection::connection));
        frameSelection = new SelectionExport<>(table, timeline, window.keepSecretsItem()::isSelected, files);
        InterceptModel interceptModel = new InterceptModel(session, services.background(),
                services.configDir().resolve("ca"));
        session.onClose(interceptModel::close);
        intercept = new InterceptPanel(interceptModel);
        layOut();
        listen();
        installMenus();
        EngineIoPongs engineIo = new EngineIoPongs(session.connections(), (c, answer) -> notifications.offer(c,
                "This server speaks Engine.IO (Socket.IO): it pings with '2' and drops clients that do not answer '3'"
                + " in time.", "Answer its pings", answer));
        List.of(timeline, connections, details, strip, status, engineIo).forEach(services.pump()::register);
    }

    private void layOut() {
        VBox.setVgrow(connections, Priority.ALWAYS);
        window.connectionsContent().getChildren().setAll(new VBox(4, new EnvironmentBar(session, status),
                connections));
        table.getContextMenu().getItems().add(new SeparatorMenuItem());
        table.getContextMenu().getItems().addAll(frameSelection.menuItems("frames"));
        messagesView.setContextMenu(new ContextMenu(new SelectionExport<>(messagesView, timeline,
                window.keepSecretsItem()::isSelected, files).menuItems("messages").toArray(MenuItem[]::new)));
        BorderPane center = new BorderPane(table);
        center.setTop(new VBox(filterBar, notifications, strip));
        filterBar.messagesShown().addListener((o, was, now) -> {
            timeline.setMessagesShown(now);
            center.setCenter(now ? messagesView : table);
        });
        window.frameTableContent().getChildren().setAll(center);
        HBox.setHgrow(composer, Priority.ALWAYS);
        window.composerPane().getChildren().setAll(composer);
        connections.setContextMenu(actions.menu(details.heartbeat(), () -> navigation.show(DetailTab.HEARTBEAT)));
    }

    private void listen() {
        connections.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            filterBar.clear();
            notifications.connectionChanged(Optional.ofNullable(now));
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
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            details.showMessage(Optional.ofNullable(now));
            navigation.showFrame(Optional.ofNullable(now));
        });
        messagesView.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                details.showMessage(now);
                navigation.show(DetailTab.MESSAGE);
            }
        });
    }

    private void installMenus() {
        EditMenu.install(window, session, actions, navigation, filterBar, () -> {
            timeline.clearView();
            strip.reset();
        }, notifications);
        new FileMenu(window, files, this::selected);
        window.interceptItem().setDisable(false);
        window.interceptItem().setOnAction(e -> showIntercept());
        files.loadRecent();
    }

    /** Opens the Intercept panel in a window of its own (the proxy keeps running when it is closed). */
    public void showIntercept() {
        if (interceptStage == null) {
            interceptStage = new javafx.stage.Stage();
            interceptStage.setTitle("Intercept — Framescope");
            interceptStage.initOwner(window.root().getScene().getWindow());
            javafx.scene.Scene scene = new javafx.scene.Scene(intercept, 640, 460);
            scene.getStylesheets().setAll(window.root().getScene().getStylesheets());
            interceptStage.setScene(scene);
        }
        interceptStage.show();
        interceptStage.toFront();
    }

    InterceptPanel intercept() {
        return intercept;
    }

    private Optional<LiveConnection> selected() {
        return Optional.ofNullable(connections.getSelectionModel().getSelectedItem());
    }

    /** Selects a connection in the list (its frames, details and composer follow). */
    public void select(LiveConnection c) {
        connections.getSelectionModel().select(c);
    }

    /** Shows the Messages view (one row per message) instead of the frame table, or back. */
    public void showMessages(boolean messages) {
        filterBar.messagesShown().set(messages);
    }

    public FileActions files() {
        return files;
    }

    QuitGuard quitGuard() {
        return quitGuard;
    }

    public ConnectionActions actions() {
        return actions;
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

    public TimeStrip strip() {
        return strip;
    }

    public MessagesView messagesView() {
        return messagesView;
    }

    public TimelineModel timeline() {
        return timeline;
    }

    /** The selected frames as text or JSON Lines (what the table's context menu copies and exports). */
    public SelectionExport<FrameEvent> frameSelection() {
        return frameSelection;
    }
}
