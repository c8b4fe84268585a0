package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.Direction;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import java.time.Duration;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Messages view follows the filter bar (direction, search), and the status bar counts what it shows. */
@ExtendWith(ApplicationExtension.class)
class MessagesFilterTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    @Test
    void directionAndSearchNarrowTheMessagesView(FxRobot robot) throws InterruptedException {
        LiveConnection c = harness.openSelected(robot, "echo", ConnectionSpec.to(harness.session.demoUrl("/echo")));
        robot.interact(() -> harness.live.showMessages(true));
        c.connection().get().sendText("apple");
        c.connection().get().sendText("banana");
        MessagesView view = harness.live.messagesView();
        Await.until(Duration.ofSeconds(10), () -> view.getItems().size() == 4, "two sent, two echoed");

        robot.interact(() -> robot.lookup("#filter-direction").queryAs(ChoiceBox.class)
                .setValue(FilterModel.Directions.FROM_SERVER));
        assertEquals(2, view.getItems().size());
        assertTrue(view.getItems().stream().allMatch(m -> m.dir() == Direction.IN), "only the server's");

        robot.interact(() -> robot.lookup("#filter-search").queryAs(TextField.class).setText("banana"));
        assertEquals(1, view.getItems().size());
        Await.until(Duration.ofSeconds(5), () -> robot.lookup("#statusText").queryLabeled().getText()
                .contains("1 shown of 4 in this view"), "the status bar counts the messages shown");

        robot.interact(() -> robot.lookup("#filter-search").queryAs(TextField.class).setText(""));
        robot.interact(() -> robot.lookup("#filter-direction").queryAs(ChoiceBox.class)
                .setValue(FilterModel.Directions.BOTH));
        assertEquals(4, view.getItems().size());
    }
}
