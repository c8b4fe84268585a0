package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.ui.MainWindowController;
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
    private final ReplayActions replays;
    private final SelectionExport<FrameEvent> frameSelection;
    private final QuitGuard quitGuard;
    private final ProbeMenu probe;
    private final InterceptWindow intercept;

    public LiveWindow(MainWindowController window, SessionModel session, WindowServices services) {
        this.window = window;
        this.session = session;
        connections = new ConnectionsView(session.connections());
        table = new TimelineView(timeline, services.background().ui());
        messagesView = new MessagesView(timeline);
        filterBar = new FilterBar(timeline, table, messagesView, services.background());
        navigation = new FrameNavigation(timeline, table, filterBar, window);
        strip = new TimeStrip(timeline, navigation::jumpToSecond, filterBar::limitTo);
        status = new StatusModel(System::nanoTime, () -> filterBar.messagesShown().get()
                ? StatusModel.Counts.of(session, messagesView.getItems().size(), timeline.messages().size())
                : StatusModel.Counts.of(session, table.shown().size(), timeline.frames().size()));
        status.attach(window.statusText(), window.statusWork(), window.statusProgress(), window.statusCancel());
        filterBar.reportWorkTo(status);
        files = new FileActions(session, status, services.background(), new RecentFiles(RecentFiles.storeIn(
                services.configDir())), RecentFiles.formerStore(services.formerHome()),
                window.keepSecretsItem()::isSelected, this::select, this::selected, services.loader(),
                () -> showMessages(true), window.root());
        quitGuard = new QuitGuard(window, session, files, status);
        actions = new ConnectionActions(session, window.root(), status, this::selected, this::select,
                services.background().executor());
        replays = new ReplayActions(session, status, services.background(), services.pump(), window.root(),
                this::selected);
        composer = new ComposerView(this::selected, session::injector, () -> session.environments().get().variables(),
                text -> notifications.report(NotificationStrip.Source.COMPOSER, text), services.background());
        filterBar.problem().addListener((o, was, now) -> notifications.report(NotificationStrip.Source.FILTER, now));
        details = new ConnectionDetails(window.detailTabs(), navigation::reveal, timeline,
                services.background());
        details.heartbeat().useConnection(() -> selected().flatMap(LiveConnection::connection));
        frameSelection = new SelectionExport<>(table, timeline, window.keepSecretsItem()::isSelected, files);
        intercept = new InterceptWindow(window, session, services);
        layOut();
        listen();
        installMenus();
        probe = new ProbeMenu(window, session, services, this::select);
        List.of(timeline, connections, details, strip, status, EngineIoPongs.offeredIn(session.connections(),
                notifications)).forEach(services.pump()::register);
    }

    private void layOut() {
        VBox.setVgrow(connections, Priority.ALWAYS);
        window.connectionsContent().getChildren().setAll(new VBox(4, new EnvironmentBar(session, status), connections));
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
        replays.install(connections.getContextMenu(), window.replayItem(), window.mockItem(),
                connections.getSelectionModel().selectedItemProperty());
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
        files.loadRecent();
    }

    InterceptWindow intercept() {
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

    public ProbeMenu probe() {
        return probe;
    }

    public ConnectionActions actions() {
        return actions;
    }

    public ReplayActions replays() {
        return replays;
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
