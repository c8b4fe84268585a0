package dev.framescope.ui.fx;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Tab content that joins the scene only when its tab is first selected. */
@ExtendWith(ApplicationExtension.class)
class LazyTabsTest {

    private TabPane tabs;
    private Label first;
    private Label second;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = new Stage();
        first = new Label("first");
        second = new Label("second");
        tabs = new TabPane(new Tab("First", first), new Tab("Second", second));
        LazyTabs.install(tabs);
        stage.setScene(new Scene(tabs, 400, 300));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::close);
    }

    @Test
    void theSelectedTabShowsItsContentAndAnotherGetsItsOwnWhenFirstSelected(FxRobot robot) {
        assertSame(first, tabs.getTabs().get(0).getContent());
        assertNull(tabs.getTabs().get(1).getContent(), "waiting: not in the scene");
        assertNull(second.getScene());

        robot.interact(() -> tabs.getSelectionModel().select(1));

        assertSame(second, tabs.getTabs().get(1).getContent());
        assertSame(tabs.getScene(), second.getScene());
    }

    @Test
    void contentSetWhileWaitingIsWhatTheTabShows(FxRobot robot) {
        Label replaced = new Label("replaced");
        robot.interact(() -> tabs.getTabs().get(1).setContent(replaced));
        assertNull(tabs.getTabs().get(1).getContent());

        robot.interact(() -> tabs.getSelectionModel().select(1));

        assertSame(replaced, tabs.getTabs().get(1).getContent());
    }

    @Test
    void aTabAddedLaterWaitsToo(FxRobot robot) {
        Label late = new Label("late");
        Tab tab = new Tab("Late", late);
        robot.interact(() -> tabs.getTabs().add(tab));
        assertNull(tab.getContent());

        robot.interact(() -> tabs.getSelectionModel().select(tab));

        assertSame(late, tab.getContent());
        robot.interact(() -> tabs.getSelectionModel().select(0));
        assertSame(late, tab.getContent(), "stays once opened");
    }
}
