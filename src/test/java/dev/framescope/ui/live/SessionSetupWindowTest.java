package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionWriter;
import dev.framescope.engine.io.ConnectionSetup;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.ConnectionTemplate;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.PongMode;
import dev.framescope.engine.ReconnectPolicy;
import dev.framescope.engine.TlsOptions;
import dev.framescope.testutil.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A saved session remembers the whole connection set-up: loaded again, "Edit and reconnect…" shows every setting
 * it was made with, OK connects with exactly that spec, and "Duplicate" connects again without the dialog.
 */
@ExtendWith(ApplicationExtension.class)
class SessionSetupWindowTest {

    @RegisterExtension
    final LiveWindowHarness h = new LiveWindowHarness();

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        h.start(stage);
    }

    private ConnectionSpec configured() throws InterruptedException {
        return ConnectionSpec.to(h.session.demoUrl("/echo")).withHeader("X-Trace", "42")
                .withSubprotocols(List.of("chat.v2"))
                .withExtensionOffers(List.of("permessage-deflate; client_max_window_bits",
                        "x-framescope-probe; level=3"))
                .withHeartbeat(HeartbeatPolicy.every(Duration.ofSeconds(2)).withPongTimeout(Duration.ofSeconds(7))
                        .onMissed(HeartbeatPolicy.OnMissed.CLOSE)
                        .withPong(new PongMode.Delayed(Duration.ofMillis(300))))
                .withTls(new TlsOptions(Optional.of(dir.resolve("extra-ca.pem")), Optional.empty(), new char[0],
                        true))
                .withTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(6))
                // Delays the dialog has no field for: they must survive the dialog too.
                .withReconnect(ReconnectPolicy.backoff(Duration.ofMillis(500), Duration.ofSeconds(5), 4))
                .withOrigin("http://app.example.test").withMaxMessageBytes(2_000_000);
    }

    private static MenuItem menuItem(LiveWindow live, String text) {
        return live.connections().getContextMenu().getItems().stream().filter(i -> text.equals(i.getText()))
                .findFirst().orElseThrow();
    }

    private static <T extends Node> T node(FxRobot robot, String id) {
        return robot.lookup(id).query();
    }

    @Test
    void aLoadedSessionPrefillsTheDialogAndReconnectsWithEverySetting(FxRobot robot) throws Exception {
        ConnectionSpec spec = configured();
        AtomicReference<LiveConnection> made = new AtomicReference<>();
        robot.interact(() -> made.set(h.live.actions().open(ConnectionTemplate.of(spec), spec)));
        Await.until(Duration.ofSeconds(10), () -> made.get().connection().orElseThrow().state()
                == ConnectionState.OPEN, "the original connection open");
        Path file = dir.resolve("setup.fscap");
        h.awaitJob(robot, () -> h.live.files().save(made.get(), file));
        robot.interact(() -> h.session.remove(made.get(), Runnable::run));
        h.awaitJob(robot, () -> h.live.files().open(file));
        LiveConnection loaded = h.session.connections().get(0);
        assertTrue(loaded.connection().isEmpty(), "the only connection left is the loaded one");

        // showAndWait runs its own loop: fire the menu item outside interact, which would wait for it to return.
        Platform.runLater(() -> menuItem(h.live, "Edit and reconnect…").fire());
        Await.until(() -> robot.lookup("#dialog-heartbeat").tryQuery().isPresent(), "the prefilled dialog");
        robot.interact(() -> {
            assertEquals(spec.uri().toString(), ((ComboBox<?>) node(robot, "#dialog-url")).getEditor().getText());
            assertEquals("X-Trace: 42", ((TextInputControl) node(robot, "#dialog-headers")).getText());
            assertEquals("chat.v2", ((TextField) node(robot, "#dialog-subprotocols")).getText());
            assertTrue(((CheckBox) node(robot, "#dialog-deflate")).isSelected(), "permessage-deflate offered");
            assertEquals("x-framescope-probe; level=3", ((TextField) node(robot, "#dialog-offers")).getText());
            assertEquals(2, ((Spinner<?>) node(robot, "#dialog-heartbeat")).getValue());
            assertEquals(7, ((Spinner<?>) node(robot, "#dialog-pong-timeout")).getValue());
            assertEquals(HeartbeatPolicy.OnMissed.CLOSE, ((ChoiceBox<?>) node(robot, "#dialog-on-missed")).getValue());
            assertEquals(PongModeField.Choice.DELAYED, ((ChoiceBox<?>) node(robot, "#dialog-pong-mode")).getValue());
            assertEquals(300, ((Spinner<?>) node(robot, "#dialog-pong-delay")).getValue());
            assertEquals(dir.resolve("extra-ca.pem").toString(), ((TextField) node(robot, "#dialog-ca-file"))
                    .getText());
            CheckBox insecure = node(robot, "#dialog-insecure");
            assertTrue(insecure.isSelected() && insecure.isVisible(), "the insecure switch comes back on");
            assertTrue(node(robot, "#dialog-insecure-warning").isVisible(), "with its warning");
            assertEquals(4, ((Spinner<?>) node(robot, "#dialog-connect-timeout")).getValue());
            assertEquals(6, ((Spinner<?>) node(robot, "#dialog-handshake-timeout")).getValue());
            assertTrue(((CheckBox) node(robot, "#dialog-reconnect")).isSelected(), "reconnect on");
            assertEquals(4, ((Spinner<?>) node(robot, "#dialog-reconnect-attempts")).getValue());
        });
        robot.interact(() -> ((Button) robot.lookup(".dialog-pane").queryAs(DialogPane.class)
                .lookupButton(ButtonType.OK)).fire());
        Await.until(() -> h.session.connections().size() == 2, "the reconnected connection");
        assertEquals(spec, h.session.connections().get(1).connection().orElseThrow().spec(),
                "OK without changes connects exactly as the saved connection was made");

        robot.interact(() -> {
            h.live.connections().getSelectionModel().select(loaded);
            menuItem(h.live, "Duplicate (connect again)").fire();
        });
        assertEquals(3, h.session.connections().size());
        assertEquals(spec, h.session.connections().get(2).connection().orElseThrow().spec(),
                "duplicating a loaded connection uses the settings its file kept");
    }

    @Test
    void aLoadedInsecureWssConnectionKeepsItsWarningInTheList(FxRobot robot) throws Exception {
        ConnectionSpec spec = ConnectionSpec.to("wss://self-signed.example.test/feed").withTls(TlsOptions.INSECURE);
        CaptureLog log = new CaptureLog(1, spec.uri().toString(), new PayloadStore(1 << 20));
        log.setSetup(ConnectionSetup.of(spec));
        Path file = dir.resolve("insecure.fscap");
        try (SessionWriter w = new SessionWriter(file, false)) {
            w.write(log, log.readFrom(0, log.size()));
        }
        h.awaitJob(robot, () -> h.live.files().open(file));
        assertTrue(h.session.connections().get(0).insecure());
        Await.until(() -> robot.lookup(".connection-state").queryAllAs(Labeled.class).stream()
                .anyMatch(l -> l.getText().contains("⚠ TLS NOT VERIFIED")), "the warning on the loaded connection");
    }
}
