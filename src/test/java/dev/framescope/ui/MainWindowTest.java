package dev.framescope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.framescope.testutil.Await;
import java.util.List;
import dev.framescope.ui.fx.Background;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private FramescopeApp.MainWindow window;

    @Start
    void start(Stage stage) {
        window = FramescopeApp.createMainWindow(Theme.LIGHT, Background.sameThread());
        stage.setScene(window.scene());
        stage.setTitle(FramescopeApp.TITLE);
        stage.show();
    }

    @Test
    void everyPaneOfTheSkeletonIsInTheScene(FxRobot robot) {
        for (String id : List.of("root", "menuBar", "mainSplit", "connectionsPane", "connectionsContent", "workArea",
                "centerSplit", "frameTablePane", "frameTableContent", "detailTabs", "frameDetail", "composerPane",
                "statusBar", "statusText")) {
            assertTrue(robot.lookup("#" + id).tryQuery().isPresent(), "missing #" + id);
        }
        assertEquals(List.of("Frame", "Handshake", "Findings"),
                window.controller().detailTabs().getTabs().stream().map(t -> t.getText()).toList());
        assertEquals("No connections yet", robot.lookup("#connectionsEmpty").queryAs(Label.class).getText());
        assertEquals(1280, window.scene().getWidth());
        assertEquals(800, window.scene().getHeight());
    }

    @Test
    void themeToggleSwapsStylesheets(FxRobot robot) {
        assertEquals(List.of(Theme.Stylesheets.BASE), window.scene().getStylesheets());
        assertEquals(new PrimerLight().getUserAgentStylesheet(), Application.getUserAgentStylesheet());

        robot.interact(() -> window.controller().toggleTheme());

        assertEquals(Theme.DARK, window.themeManager().getTheme());
        assertEquals(List.of(Theme.Stylesheets.BASE, Theme.Stylesheets.DARK), window.scene().getStylesheets());
        assertEquals(new PrimerDark().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        assertTrue(window.scene().getRoot().getStyleClass().contains(ThemeManager.DARK_ROOT_CLASS));
        assertEquals("Dark theme", robot.lookup("#themeLabel").queryAs(Label.class).getText());
    }

    @Test
    void ctrlShiftTTogglesBackAndKeepsForeignStylesheets(FxRobot robot) {
        robot.interact(() -> {
            window.themeManager().setTheme(Theme.DARK);
            window.scene().getStylesheets().add("data:text/css,.x{}");
        });

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
        Await.until(() -> window.themeManager().getTheme() == Theme.LIGHT, "Ctrl+Shift+T switches to light");

        assertEquals(List.of(Theme.Stylesheets.BASE, "data:text/css,.x{}"), window.scene().getStylesheets());
        assertFalse(window.scene().getRoot().getStyleClass().contains(ThemeManager.DARK_ROOT_CLASS));
    }
}
