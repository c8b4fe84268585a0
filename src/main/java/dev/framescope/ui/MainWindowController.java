package dev.framescope.ui;

import dev.framescope.ui.frame.FrameDetailPane;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Thin controller of MainWindow.fxml: menu actions and access to the placeholder panes views plug into. */
public final class MainWindowController {

    @FXML private BorderPane root;
    @FXML private MenuBar menuBar;
    @FXML private SplitPane mainSplit;
    @FXML private VBox connectionsPane;
    @FXML private StackPane connectionsContent;
    @FXML private SplitPane centerSplit;
    @FXML private StackPane frameTableContent;
    @FXML private TabPane detailTabs;
    @FXML private Tab frameTab;
    private FrameDetailPane frameDetail;
    @FXML private HBox composerPane;
    @FXML private HBox statusBar;
    @FXML private Label statusText;
    @FXML private Label pulseStatsLabel;
    @FXML private Label statusWork;
    @FXML private ProgressBar statusProgress;
    @FXML private Button statusCancel;
    @FXML private Label themeLabel;
    @FXML private MenuItem newConnectionItem;
    @FXML private MenuItem openSessionItem;
    @FXML private MenuItem copyItem;
    @FXML private Menu recentMenu;
    @FXML private MenuItem saveSessionItem;
    @FXML private MenuItem exportItem;
    @FXML private MenuItem importHarItem;
    @FXML private MenuItem interceptItem;
    @FXML private CheckMenuItem keepSecretsItem;
    @FXML private MenuItem clearItem;
    @FXML private MenuItem findItem;
    @FXML private MenuItem protobufSchemaItem;
    @FXML private MenuItem environmentsItem;
    @FXML private MenuItem restoreRemovedItem;
    @FXML private MenuItem replayItem;
    @FXML private MenuItem mockItem;
    @FXML private MenuItem quitItem;

    private ThemeManager themeManager;

    @FXML
    private void initialize() {
        SplitPane.setResizableWithParent(connectionsPane, false);
    }

    /** Called once the scene exists, with the parts built in code. */
    void attach(ThemeManager manager, FrameDetailPane detail) {
        this.themeManager = Objects.requireNonNull(manager, "manager");
        this.frameDetail = Objects.requireNonNull(detail, "detail");
        detail.setId("frameDetail");
        frameTab.setContent(detail);
        themeLabel.textProperty().bind(manager.themeProperty().map(Theme::label));
    }

    @FXML
    void toggleTheme() {
        themeManager.toggle();
    }

    @FXML
    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle("About Framescope");
        alert.setHeaderText("Framescope");
        alert.setContentText("A frame-exact WebSocket inspector (RFC 6455, RFC 7692).");
        alert.show();
    }

    /** File → Quit: closes the window, which stops the application (its session closed, its threads ended). */
    @FXML
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
