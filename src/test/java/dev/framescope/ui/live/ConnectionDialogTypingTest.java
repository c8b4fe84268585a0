package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import dev.framescope.ui.fx.Forms;
import dev.framescope.ui.fx.NumberFields;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The New connection dialog's number fields take typing: Enter and leaving the field commit, bad text is refused. */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTypingTest {

    private ConnectionDialog dialog;
    private final AtomicReference<Optional<ConnectionSpec>> result = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
        dialog = new ConnectionDialog(stage, List.of("ws://127.0.0.1:9/"));
        // showAndWait runs its own loop: start it after @Start returns.
        Platform.runLater(() -> result.set(dialog.showAndWait()));
    }

    @AfterEach
    void close(FxRobot robot) {
        if (result.get() == null) {
            robot.interact(() -> ((Button) dialog.dialogPane().lookupButton(ButtonType.CANCEL)).fire());
        }
    }

    private Spinner<Integer> field(FxRobot robot, String id) {
        Await.until(() -> dialog.dialogPane().lookup(id) != null && dialog.dialogPane().getScene() != null,
                id + " shown");
        return robot.from(dialog.dialogPane()).lookup(id).query();
    }

    /** Puts the caret in the field with its text selected (the form scrolls, so a click may miss a lower field). */
    private FxRobot focus(FxRobot robot, Spinner<Integer> field) {
        // A click on the URL (in view once scrolled to the top) gives the dialog window the keyboard.
        robot.interact(() -> ((ScrollPane) dialog.dialogPane().lookup(".scroll-pane")).setVvalue(0));
        robot.clickOn(robot.from(dialog.dialogPane()).lookup("#dialog-url").queryAs(Node.class));
        robot.interact(() -> {
            Forms.reveal((ScrollPane) dialog.dialogPane().lookup(".scroll-pane"), field);
            field.getEditor().requestFocus();
            field.getEditor().selectAll();
        });
        return robot;
    }

    @Test
    void typedSecondsCommitOnLeavingTheFieldAndOnEnter(FxRobot robot) {
        Spinner<Integer> ping = field(robot, "#dialog-heartbeat");
        focus(robot, ping).write("2").type(KeyCode.TAB);
        assertEquals(2, ping.getValue(), "leaving the field commits");
        Spinner<Integer> connect = field(robot, "#dialog-connect-timeout");
        focus(robot, connect).write("30").type(KeyCode.ENTER);
        Await.until(() -> result.get() != null, "Enter commits and then OKs the dialog");
        ConnectionSpec spec = result.get().orElseThrow();
        assertEquals(Duration.ofSeconds(2), spec.heartbeat().interval(), "the connection pings every 2 s");
        assertEquals(Duration.ofSeconds(30), spec.connectTimeout());
    }

    @Test
    void theDialogFitsA1280By800Screen(FxRobot robot) {
        field(robot, "#dialog-heartbeat");
        double[] size = new double[2];
        robot.interact(() -> {
            size[0] = dialog.dialogPane().getScene().getWindow().getWidth();
            size[1] = dialog.dialogPane().getScene().getWindow().getHeight();
        });
        assertTrue(size[0] <= 1280 && size[1] <= 800, size[0] + "×" + size[1]);
    }

    @Test
    void textThatIsNoNumberInRangeIsRefusedVisiblyAndStopsOk(FxRobot robot) {
        Spinner<Integer> attempts = field(robot, "#dialog-reconnect-attempts");
        focus(robot, attempts).write("x7").type(KeyCode.TAB);
        assertEquals(5, attempts.getValue(), "the value stays");
        assertTrue(attempts.getStyleClass().contains(NumberFields.REFUSED), "marked");
        assertTrue(attempts.getTooltip().getText().contains("from 1 to 100, not 'x7'"), attempts.getTooltip().getText());
        assertEquals("x7", attempts.getEditor().getText(), "the refused text stays readable");
        robot.interact(() -> ((Button) dialog.dialogPane().lookupButton(ButtonType.OK)).fire());
        assertEquals(null, result.get(), "OK refused");
        assertTrue(dialog.errorLine().getText().startsWith("Reconnect attempts: a whole number"),
                dialog.errorLine().getText());
        robot.interact(() -> { });
        assertTrue(attempts.isFocused(), "the caret goes to the refused field");
        focus(robot, attempts).write("7").type(KeyCode.TAB);
        assertEquals(7, attempts.getValue());
        assertFalse(attempts.getStyleClass().contains(NumberFields.REFUSED), "cleared once valid");
    }
}
