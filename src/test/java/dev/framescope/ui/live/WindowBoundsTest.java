package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.testutil.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * At 1280×800 no toolbar, composer or status-bar control leaves the window, whatever inline error is showing: a bad
 * regular expression, invalid JSON in the composer, sending on a closed connection. The errors go to the strip under
 * the toolbar, wrap, and belong to the connection they came from.
 */
@ExtendWith(ApplicationExtension.class)
class WindowBoundsTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) throws InterruptedException {
        harness.start(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
        harness.openDemo();
    }

    private void select(FxRobot robot, String name) {
        robot.interact(() -> harness.live.select(harness.session.connections().stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow()));
    }

    private String strip(FxRobot robot) {
        NotificationStrip strip = robot.lookup("#notification-strip").query();
        String[] shown = new String[1];
        robot.interact(() -> shown[0] = strip.shown());
        return shown[0];
    }

    /** Every visible control of the bars lies inside the scene, which is the window's content. */
    private void assertEverythingInside(FxRobot robot, String when) {
        robot.interact(() -> {
            var scene = harness.window.scene();
            List<String> outside = new ArrayList<>();
            for (String bar : List.of("#filter-bar", "#composer", "#statusBar", "#notification-strip")) {
                for (Node n : controls(robot.lookup(bar).query())) {
                    Bounds b = n.localToScene(n.getBoundsInLocal());
                    if (b.getMinX() < -0.5 || b.getMaxX() > scene.getWidth() + 0.5 || b.getMaxY() > scene.getHeight() + 0.5) {
                        outside.add(bar + " " + n.getClass().getSimpleName() + "#" + n.getId() + " " + b);
                    }
                }
            }
            assertEquals(List.of(), outside, when + ": scene " + scene.getWidth() + "×" + scene.getHeight());
        });
    }

    private static List<Node> controls(Node root) {
        List<Node> found = new ArrayList<>();
        if (!root.isVisible()) {
            return found;
        }
        if (root instanceof Control) {
            found.add(root);
        } else if (root instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> found.addAll(controls(child)));
        }
        return found;
    }

    @Test
    void aBadRegexShowsInTheStripAndPushesNothingOut(FxRobot robot) {
        assertEverythingInside(robot, "at start");
        robot.interact(() -> robot.lookup("#filter-search").queryAs(TextField.class).setText("/[unclosed/"));
        assertTrue(strip(robot).contains("invalid regular expression"), strip(robot));
        assertEverythingInside(robot, "with a bad regex");
        robot.interact(() -> robot.lookup("#filter-search").queryAs(TextField.class).setText("ok"));
        assertEquals("", strip(robot), "gone once the search is valid");
    }

    @Test
    void composerErrorsShowInTheStripBelongToTheirConnectionAndPushNothingOut(FxRobot robot) {
        select(robot, "demo echo (deflate)");
        robot.interact(() -> robot.lookup("#composer-mode").queryAs(ChoiceBox.class).setValue(ComposerView.Mode.JSON));
        robot.clickOn("#composer-text").write("{\"op\": not json, and a long explanation follows to make it wrap");
        robot.clickOn("#composer-send");
        String error = strip(robot);
        assertTrue(error.startsWith("⚠ "), error);
        assertEverythingInside(robot, "with invalid JSON");

        select(robot, "demo ticker");
        assertEquals("", strip(robot), "another connection has no such error");
        select(robot, "demo echo (deflate)");
        assertEquals(error, strip(robot), "the error came back with its connection");

        LiveConnection chaos = harness.session.connections().stream()
                .filter(c -> c.name().startsWith("demo chaos")).findFirst().orElseThrow();
        Await.until(Duration.ofSeconds(10), () -> chaos.connection().orElseThrow().ended(), "chaos ended");
        select(robot, "demo chaos (violations)");
        robot.interact(() -> robot.lookup("#composer-mode").queryAs(ChoiceBox.class).setValue(ComposerView.Mode.TEXT));
        robot.clickOn("#composer-text").write("hello?");
        robot.clickOn("#composer-send");
        assertTrue(!strip(robot).isEmpty(), "sending on a closed connection says why");
        assertEverythingInside(robot, "after sending on a closed connection");
    }
}
