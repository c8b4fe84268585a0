package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionWriter;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.testutil.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14's surface: Observe is chosen in the connection dialog (in words, with its explanation), the connection is
 * made with it, and the window says so — a badge on the connection in the list and the mode line of the Handshake
 * tab; a session file that kept Observe shows the badge again, a Strict connection none.
 */
@ExtendWith(ApplicationExtension.class)
class ObserveModeWindowTest {

    @RegisterExtension
    final LiveWindowHarness h = new LiveWindowHarness();

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        h.start(stage);
    }

    /** The badges the list shows now (a cell's badge is hidden for a Strict connection). */
    private static List<Label> shownBadges(FxRobot robot) {
        return robot.lookup(".mode-badge").queryAllAs(Label.class).stream().filter(ObserveModeWindowTest::shown)
                .toList();
    }

    /** In the scene and visible with every ancestor (the list keeps a hidden cell for measuring). */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    @Test
    void observeChosenInTheDialogConnectsInObserveModeAndTheListSaysSo(FxRobot robot) throws Exception {
        String url = h.session.demoUrl("/echo");
        // showAndWait runs its own loop: open the dialog outside interact, which would wait for it to return.
        Platform.runLater(() -> h.live.actions().newConnection());
        Await.until(() -> robot.lookup("#dialog-mode").tryQuery().isPresent(), "the connection dialog");
        ChoiceBox<ProtocolMode> mode = robot.lookup("#dialog-mode").query();
        Label explanation = robot.lookup("#dialog-mode-explanation").queryAs(Label.class);
        robot.interact(() -> {
            assertEquals(ProtocolMode.STRICT, mode.getValue(), "a new connection is strict");
            assertEquals(ProtocolMode.STRICT.explanation(), explanation.getText());
            ((ComboBox<?>) robot.lookup("#dialog-url").query()).getEditor().setText(url);
        });
        robot.clickOn("#dialog-mode");
        robot.clickOn("Observe");
        Await.until(() -> mode.getValue() == ProtocolMode.OBSERVE, "Observe picked from the list");
        robot.interact(() -> {
            assertEquals("Observe", mode.getConverter().toString(ProtocolMode.OBSERVE), "the choice is a word");
            assertEquals(ProtocolMode.OBSERVE.explanation(), explanation.getText(), "the line follows the choice");
            ((Button) robot.lookup(".dialog-pane").queryAs(DialogPane.class).lookupButton(ButtonType.OK)).fire();
        });

        Await.until(Duration.ofSeconds(10), () -> h.connections().size() == 1
                && h.connections().get(0).connection().orElseThrow().state() == ConnectionState.OPEN,
                "the demo connection open");
        LiveConnection made = h.session.connections().get(0);
        assertEquals(ProtocolMode.OBSERVE, made.connection().orElseThrow().spec().mode());
        Await.until(() -> shownBadges(robot).size() == 1, "the Observe badge in the list");
        Label badge = shownBadges(robot).get(0);
        assertEquals("Observe", badge.getText());
        assertTrue(badge.getTooltip().getText().contains("never end this connection"), badge.getTooltip().getText());
        robot.interact(() -> {
            Label line = h.live.details().handshakeMode();
            assertTrue(line.isVisible() && line.getText().startsWith("Observe mode: "), line.getText());
            assertTrue(line.getStyleClass().contains("mode-observe"), "in the badge's colour");
            assertEquals(ProtocolMode.OBSERVE, h.live.actions().editDialog(made).modeField().value(),
                    "Edit and reconnect keeps the mode");
        });
    }

    @Test
    void aSessionFileThatKeptObserveShowsTheBadgeAndAStrictOneNone(FxRobot robot) throws Exception {
        Path file = dir.resolve("modes.fscap");
        try (SessionWriter w = new SessionWriter(file, false)) {
            for (ProtocolMode m : ProtocolMode.values()) {
                ConnectionSpec spec = ConnectionSpec.to("ws://127.0.0.1:9/" + m.spelling()).withMode(m);
                CaptureLog log = new CaptureLog(m.ordinal() + 1, spec.uri().toString(), new PayloadStore(1 << 20));
                log.setSetup(ConnectionSetup.of(spec));
                w.write(log, log.readFrom(0, log.size()));
            }
        }
        h.awaitJob(robot, () -> h.live.files().open(file));
        assertEquals(2, h.session.connections().size());
        LiveConnection strict = h.session.connections().stream().filter(c -> c.log().label().endsWith("/strict"))
                .findFirst().orElseThrow();
        LiveConnection observe = h.session.connections().stream().filter(c -> c.log().label().endsWith("/observe"))
                .findFirst().orElseThrow();
        assertEquals(ProtocolMode.STRICT, strict.mode());
        assertEquals(ProtocolMode.OBSERVE, observe.mode());
        Await.until(() -> shownBadges(robot).size() == 1, "one badge, on the Observe connection");
        robot.interact(() -> {
            h.live.select(strict);
            assertEquals("Strict mode: fails the connection on the first server violation, as a conforming client "
                    + "must.", h.live.details().handshakeMode().getText());
            h.live.select(observe);
            assertEquals("Observe mode: keeps the connection open after server violations, records them and keeps "
                    + "reading.", h.live.details().handshakeMode().getText());
        });
    }
}
