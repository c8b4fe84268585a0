package dev.framescope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.Finding;
import dev.framescope.wire.Violation;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class HeaderBitsViewTest {

    private HeaderBitsView view;

    @Start
    void start(Stage stage) {
        view = new HeaderBitsView();
        view.setHeader(Fixtures.MASKED_HELLO_HEADER);
        stage.setScene(new Scene(view, 900, 200));
        stage.show();
    }

    @Test
    void showsTheRfcMaskedHelloHeader(FxRobot robot) {
        assertEquals("1", value(robot, "fin"));
        assertEquals("0", value(robot, "rsv1"));
        assertEquals("1 (TEXT)", value(robot, "opcode"));
        assertEquals("0001", text(robot, "opcode", "header-cell-bits"));
        assertEquals("1", value(robot, "mask"));
        assertEquals("5", value(robot, "payload-len"));
        assertEquals("37fa213d", value(robot, "masking-key"));
        assertTrue(robot.lookup(".field-extended-payload-len").tryQuery().isEmpty(), "7-bit length has no extension");
        assertEquals(8, view.getChildren().size());
        assertFalse(robot.lookup("." + HeaderBitsView.VIOLATION_CLASS).tryQuery().isPresent());
    }

    @Test
    void eachCellExplainsItsFieldInATooltip(FxRobot robot) {
        Node key = robot.lookup(".field-masking-key").query();
        Tooltip tip = (Tooltip) key.getProperties().get("javafx.scene.control.Tooltip");
        assertTrue(tip.getText().contains("RFC 6455 §5.3"), tip.getText());
    }

    @Test
    void fieldsInvolvedInAViolationAreMarked(FxRobot robot) {
        robot.interact(() -> view.setFindings(List.of(Finding.at(Violation.MASKED_SERVER_FRAME, 0, "server frame masked"))));
        assertTrue(robot.lookup(".field-mask").query().getStyleClass().contains(HeaderBitsView.VIOLATION_CLASS));
        assertTrue(robot.lookup(".field-masking-key").query().getStyleClass().contains(HeaderBitsView.VIOLATION_CLASS));
        assertFalse(robot.lookup(".field-opcode").query().getStyleClass().contains(HeaderBitsView.VIOLATION_CLASS));
    }

    private static String value(FxRobot robot, String field) {
        return text(robot, field, "header-cell-value");
    }

    private static String text(FxRobot robot, String field, String part) {
        return robot.lookup(".field-" + field + " ." + part).queryAs(Label.class).getText();
    }
}
