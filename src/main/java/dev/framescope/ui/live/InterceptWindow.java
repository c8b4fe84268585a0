package dev.framescope.ui.live;

import dev.framescope.ui.MainWindowController;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * File ▸ Intercept Another App…: the {@link InterceptPanel} in a window of its own, both made on first use (not
 * before the main window's first paint); the proxy keeps running when that window is closed, and stops with the
 * session.
 */
final class InterceptWindow {

    private final MainWindowController window;
    private final InterceptModel model;
    private InterceptPanel panel;
    private Stage stage;

    InterceptWindow(MainWindowController window, SessionModel session, WindowServices services) {
        this.window = window;
        model = new InterceptModel(session, services.background(), services.configDir().resolve("ca"));
        session.onClose(model::close);
        window.interceptItem().setDisable(false);
        window.interceptItem().setOnAction(e -> show());
    }

    InterceptPanel panel() {
        if (panel == null) {
            panel = new InterceptPanel(model);
        }
        return panel;
    }

    void show() {
        if (stage == null) {
            stage = new Stage();
            stage.setTitle("Intercept — Framescope");
            stage.initOwner(window.root().getScene().getWindow());
            javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(panel());
            scroll.setFitToWidth(true);
            Scene scene = new Scene(scroll, 760, 760);
            scene.getStylesheets().setAll(window.root().getScene().getStylesheets());
            stage.setScene(scene);
        }
        stage.show();
        stage.toFront();
    }
}
