package dev.framescope.ui;

import dev.framescope.ui.frame.FrameDetailPane;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.geometry.Orientation;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's skeleton and its thin controller: menu actions and access to the placeholder panes views plug
 * into. Built in code, not FXML: loading the FXML (parser, reflection) cost the FX thread 0.36 s of CPU before the
 * first paint, the code 0.23 s (docs/benchmarks.md, "Start-up"). Every pane has a CSS id, so views and tests find it.
 */
public final class MainWindowController {

    private final MenuItem newConnectionItem = item("newConnectionItem", "New Connection…", shortcut(KeyCode.N));
    private final MenuItem openSessionItem = item("openSessionItem", "Open Session…", shortcut(KeyCode.O));
    private final Menu recentMenu = disabled(id(new Menu("Open Recent"), "recentMenu"));
    private final MenuItem saveSessionItem = item("saveSessionItem", "Save Session As…", shortcut(KeyCode.S));
    private final MenuItem exportItem = item("exportItem", "Export Connection…", shortcut(KeyCode.E));
    private final MenuItem importHarItem = item("importHarItem", "Import HAR…", shortcut(KeyCode.I));
    private final CheckMenuItem keepSecretsItem = disabled(id(new CheckMenuItem("Keep Secrets in Exports"),
            "keepSecretsItem"));
    private final MenuItem interceptItem = item("interceptItem", "Intercept Another App…", null);
    private final MenuItem quitItem = id(new MenuItem("Quit"), "quitItem");
    private final MenuItem clearItem = item("clearItem", "Clear View", shortcut(KeyCode.L));
    private final MenuItem copyItem = item("copyItem", "Copy", shortcut(KeyCode.C));
    private final MenuItem findItem = item("findItem", "Find…", shortcut(KeyCode.F));
    private final MenuItem protobufSchemaItem = item("protobufSchemaItem", "Protobuf Schema for Connection…", null);
    private final MenuItem environmentsItem = item("environmentsItem", "Environments…", shiftShortcut(KeyCode.E));
    private final MenuItem restoreRemovedItem = item("restoreRemovedItem", "Restore Removed Connection", null);
    private final MenuItem replayItem = item("replayItem", "Replay…", shiftShortcut(KeyCode.R));
    private final MenuItem mockItem = item("mockItem", "Serve as Mock…", shiftShortcut(KeyCode.M));
    private final MenuBar menuBar = id(new MenuBar(), "menuBar");
    private final StackPane connectionsContent = id(new StackPane(
            emptyState("connectionsEmpty", "No connections yet", "Press Ctrl+N to open one.")), "connectionsContent");
    private final VBox connectionsPane = id(new VBox(title("Connections"), connectionsContent), "connectionsPane");
    private final StackPane frameTableContent = id(new StackPane(emptyState("framesEmpty", "No frames captured",
            "Frames appear here as they cross the wire, both directions.")), "frameTableContent");
    private final Tab frameTab = id(new Tab("Frame"), "frameTab");
    private final TabPane detailTabs = id(new TabPane(frameTab,
            placeholderTab("handshake", "Handshake", "The opening handshake appears here once a connection starts."),
            placeholderTab("findings", "Findings", "No protocol violations found.")), "detailTabs");
    private final HBox composerPane = id(new HBox(10, title("Composer"),
            muted("Connect to send text, binary, ping or hand-crafted frames.", "empty-state")), "composerPane");
    private final Label statusText = id(new Label("Ready"), "statusText");
    private final Label statusWork = id(muted("", "status-muted"), "statusWork");
    private final ProgressBar statusProgress = id(new ProgressBar(), "statusProgress");
    private final Button statusCancel = id(new Button("Cancel"), "statusCancel");
    private final Label pulseStatsLabel = id(muted("", "status-muted"), "pulseStatsLabel");
    private final Label themeLabel = id(muted("", "status-muted"), "themeLabel");
    private final BorderPane root = id(new BorderPane(), "root");
    private FrameDetailPane frameDetail;
    private ThemeManager themeManager;

    public MainWindowController() {
        menuBar.getMenus().setAll(fileMenu(), editMenu(),
                new Menu("_Connection", null, replayItem, mockItem),
                new Menu("_View", null, action(shiftItem("toggleThemeItem", "Toggle Dark Theme", KeyCode.T),
                        this::toggleTheme)),
                new Menu("_Help", null, action(new MenuItem("About Framescope"), this::about)));
        root.getStyleClass().add("main-window");
        root.setTop(menuBar);
        root.setCenter(mainSplit());
        root.setBottom(statusBar());
    }

    private Menu fileMenu() {
        return new Menu("_File", null, newConnectionItem, openSessionItem, recentMenu, saveSessionItem,
                new SeparatorMenuItem(), exportItem, importHarItem, keepSecretsItem, new SeparatorMenuItem(),
                interceptItem, new SeparatorMenuItem(), action(accelerated(quitItem, shortcut(KeyCode.Q)), this::quit));
    }

    private Menu editMenu() {
        return new Menu("_Edit", null, clearItem, copyItem, findItem, new SeparatorMenuItem(), protobufSchemaItem,
                environmentsItem, new SeparatorMenuItem(), restoreRemovedItem);
    }

    private SplitPane mainSplit() {
        connectionsPane.getStyleClass().add("sidebar");
        connectionsPane.setMinWidth(200);
        VBox.setVgrow(connectionsContent, Priority.ALWAYS);
        SplitPane.setResizableWithParent(connectionsPane, false);
        VBox frameTablePane = id(new VBox(title("Frames"), frameTableContent), "frameTablePane");
        frameTablePane.getStyleClass().add("frame-table-pane");
        frameTablePane.setMinHeight(120);
        VBox.setVgrow(frameTableContent, Priority.ALWAYS);
        detailTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        detailTabs.setMinHeight(160);
        SplitPane centerSplit = id(new SplitPane(frameTablePane, detailTabs), "centerSplit");
        centerSplit.setOrientation(Orientation.VERTICAL);
        centerSplit.setDividerPositions(0.58);
        composerPane.getStyleClass().add("composer");
        composerPane.setAlignment(Pos.CENTER_LEFT);
        BorderPane workArea = id(new BorderPane(centerSplit), "workArea");
        workArea.setBottom(composerPane);
        SplitPane mainSplit = id(new SplitPane(connectionsPane, workArea), "mainSplit");
        mainSplit.setDividerPositions(0.19);
        return mainSplit;
    }

    private HBox statusBar() {
        statusText.setMinWidth(0);
        statusText.setMaxWidth(Double.POSITIVE_INFINITY);
        HBox.setHgrow(statusText, Priority.ALWAYS);
        statusProgress.setPrefWidth(120);
        for (Node hidden : new Node[] {statusProgress, statusCancel}) {
            hidden.setVisible(false);
            hidden.setManaged(false);
        }
        HBox bar = id(new HBox(16, statusText, statusWork, statusProgress, statusCancel, pulseStatsLabel,
                themeLabel), "statusBar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Tab placeholderTab(String name, String text, String empty) {
        StackPane pane = id(new StackPane(muted(empty, "empty-state")), name + "Pane");
        return id(new Tab(text, pane), name + "Tab");
    }

    /** A pane's empty state: a title with an id, and a hint below. */
    private static VBox emptyState(String id, String title, String hint) {
        VBox box = new VBox(6, id(muted(title, "empty-state-title"), id), muted(hint, "empty-state"));
        box.getStyleClass().add("empty-state-box");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private static Label title(String text) {
        return muted(text, "pane-title");
    }

    private static Label muted(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        return label;
    }

    private static MenuItem item(String id, String text, KeyCombination accelerator) {
        return disabled(accelerated(id(new MenuItem(text), id), accelerator));
    }

    private static MenuItem shiftItem(String id, String text, KeyCode code) {
        return accelerated(id(new MenuItem(text), id), shiftShortcut(code));
    }

    private static <T extends MenuItem> T accelerated(T item, KeyCombination accelerator) {
        item.setAccelerator(accelerator);
        return item;
    }

    private static <T extends MenuItem> T disabled(T item) {
        item.setDisable(true);
        return item;
    }

    private static MenuItem action(MenuItem item, Runnable action) {
        item.setOnAction(e -> action.run());
        return item;
    }

    private static <T extends MenuItem> T id(T item, String id) {
        item.setId(id);
        return item;
    }

    private static <T extends Node> T id(T node, String id) {
        node.setId(id);
        return node;
    }

    private static Tab id(Tab tab, String id) {
        tab.setId(id);
        return tab;
    }

    /** Ctrl+{@code code}, as written (not the platform's shortcut key). */
    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.CONTROL_DOWN);
    }

    private static KeyCombination shiftShortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN);
    }

    /** Called once the scene exists, with the parts built in code. */
    void attach(ThemeManager manager, FrameDetailPane detail) {
        this.themeManager = Objects.requireNonNull(manager, "manager");
        this.frameDetail = Objects.requireNonNull(detail, "detail");
        detail.setId("frameDetail");
        frameTab.setContent(detail);
        themeLabel.textProperty().bind(manager.themeProperty().map(Theme::label));
    }

    void toggleTheme() {
        themeManager.toggle();
    }

    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle("About Framescope");
        alert.setHeaderText("Framescope");
        alert.setContentText("A frame-exact WebSocket inspector (RFC 6455, RFC 7692).");
        alert.show();
    }

    /** File → Quit: closes the window, which stops the application (its session closed, its threads ended). */
    private void quit() {
        root.getScene().getWindow().hide();
    }

    /** The menu bar, for parts that add a menu of their own (Tools). */
    public MenuBar menuBar() {
        return menuBar;
    }

    public BorderPane root() {
        return root;
    }

    /** Holds the connections list; replace its children with the real view. */
    public StackPane connectionsContent() {
        return connectionsContent;
    }

    /** Holds the frame table; replace its children with the real view. */
    public StackPane frameTableContent() {
        return frameTableContent;
    }

    public TabPane detailTabs() {
        return detailTabs;
    }

    public FrameDetailPane frameDetail() {
        return frameDetail;
    }

    public HBox composerPane() {
        return composerPane;
    }

    public Label statusText() {
        return statusText;
    }

    /** File → New Connection…, Open Session…, Edit → Copy, Find…: enabled by the view that implements them. */
    public MenuItem newConnectionItem() {
        return newConnectionItem;
    }

    public MenuItem openSessionItem() {
        return openSessionItem;
    }

    public Menu recentMenu() {
        return recentMenu;
    }

    public MenuItem saveSessionItem() {
        return saveSessionItem;
    }

    /** File → Export Connection…, Import HAR…, and whether exports keep secrets (off: redacted). */
    public MenuItem exportItem() {
        return exportItem;
    }

    public MenuItem importHarItem() {
        return importHarItem;
    }

    public MenuItem interceptItem() {
        return interceptItem;
    }

    public CheckMenuItem keepSecretsItem() {
        return keepSecretsItem;
    }

    public MenuItem clearItem() {
        return clearItem;
    }

    public MenuItem copyItem() {
        return copyItem;
    }

    /** Edit → Protobuf Schema for Connection…: a descriptor set and message type for the selected connection. */
    public MenuItem protobufSchemaItem() {
        return protobufSchemaItem;
    }

    public MenuItem environmentsItem() {
        return environmentsItem;
    }

    /** File → Quit: closes the window unless a view that guards unsaved work sets its own action. */
    /** Edit → Restore Removed Connection. */
    public MenuItem restoreRemovedItem() {
        return restoreRemovedItem;
    }

    /** Connection → Replay… (disabled until a connection is selected). */
    public MenuItem replayItem() {
        return replayItem;
    }

    /** Connection → Serve as Mock… (disabled until a connection is selected). */
    public MenuItem mockItem() {
        return mockItem;
    }

    public MenuItem quitItem() {
        return quitItem;
    }

    public MenuItem findItem() {
        return findItem;
    }

    /** What background work runs now, its progress and its Cancel button (hidden while idle). */
    public Label statusWork() {
        return statusWork;
    }

    public ProgressBar statusProgress() {
        return statusProgress;
    }

    public Button statusCancel() {
        return statusCancel;
    }

    public Label pulseStatsLabel() {
        return pulseStatsLabel;
    }
}
