package dev.framescope.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A bar whose trailing group takes a second row when the stretchy field would get less than its room. */
@ExtendWith(ApplicationExtension.class)
class LayoutsTest {

    /** Made in {@link #start}: a control made before the toolkit starts breaks every later test in the JVM. */
    private TextField field;
    private HBox group;
    private HBox row;
    private HBox below;
    private Stage stage;

    /** A stage of its own: the shared primary stage keeps a size once set, which later tests would inherit. */
    @Start
    void start(Stage primary) {
        stage = new Stage();
        Stage s = stage;
        field = new TextField();
        group = new HBox(8, new Button("Ping"), new Button("Close 1000"), new Button("reason"));
        row = new HBox(8, new Button("Text"), field, new Button("Send"));
        below = new HBox(8);
        Layouts.onlyThisShrinks(row, field, 100);
        Layouts.wrapWhenNarrow(row, field, 300, group, below);
        row.getChildren().add(group);
        s.setScene(new Scene(new VBox(row, below), 900, 100));
        s.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::close);
    }

    private void widthTo(FxRobot robot, double width) {
        robot.interact(() -> stage.setWidth(width));
        robot.interact(() -> stage.getScene().getRoot().layout());
    }

    @Test
    void theGroupGoesBelowWhenTheFieldWouldGetLessThanItsRoomAndComesBack(FxRobot robot) {
        widthTo(robot, 900);
        assertSame(row, group.getParent(), "wide: one row");
        assertFalse(below.isVisible(), "and no empty second row");
        assertTrue(field.getWidth() >= 300, "the field has its room: " + field.getWidth());

        widthTo(robot, 560);
        assertSame(below, group.getParent(), "narrow: the group takes the second row");
        assertTrue(below.isVisible());
        assertTrue(field.getWidth() >= 300, "the field keeps its room: " + field.getWidth());

        widthTo(robot, 900);
        assertSame(row, group.getParent(), "wide again: back on one row");
        assertEquals(0, below.getChildren().size());
    }

    @Test
    void aChildThatJoinsTheSecondRowLaterShowsAndHidesIt(FxRobot robot) {
        widthTo(robot, 900);
        Button late = new Button("RSV1");
        robot.interact(() -> below.getChildren().add(late));
        assertTrue(below.isVisible(), "shown with the child that joined");

        robot.interact(() -> late.setVisible(false));
        assertFalse(below.isVisible(), "hidden when that child hides");

        robot.interact(() -> late.setVisible(true));
        assertTrue(below.isVisible(), "shown again");
    }
}
