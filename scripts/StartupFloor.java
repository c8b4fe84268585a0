import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The floor for scripts/startup-bench.sh: a JavaFX window of the same size with a menu bar, a split pane, a label and
 * a tab pane, started the way Framescope starts (Platform.startup from a plain main class, JavaFX from the same
 * jar). What it takes to paint is what the JVM and the toolkit cost before any of Framescope's own work.
 */
public final class StartupFloor {

    public static void main(String[] args) {
        Platform.startup(() -> {
            BorderPane root = new BorderPane(new SplitPane(new Label("Connections"),
                    new TabPane(new Tab("Frame", new Label("Select a frame")), new Tab("Handshake"))));
            root.setTop(new MenuBar(new Menu("File"), new Menu("Edit"), new Menu("View")));
            root.setBottom(new Label("Ready"));
            Stage stage = new Stage();
            stage.setTitle("Floor");
            stage.setScene(new Scene(root, 1280, 800));
            stage.show();
        });
    }
}
