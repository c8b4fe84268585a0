package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.PongMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The connection dialog's pong mode: each mode survives edit → spec, and a too-long payload is named. */
@ExtendWith(ApplicationExtension.class)
class PongModeDialogTest {

    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        s.show();
    }

    @Test
    void everyPongModeComesBackFromTheForm(FxRobot robot) {
        for (PongMode mode : List.of(PongMode.AUTO, PongMode.OFF, new PongMode.Delayed(Duration.ofMillis(1200)),
                new PongMode.CustomPayload("late-and-wrong"))) {
            ConnectionSpec original = ConnectionSpec.to("ws://example.test/x")
                    .withHeartbeat(HeartbeatPolicy.every(Duration.ofSeconds(2)).withPong(mode));
            AtomicReference<ConnectionSpec> back = new AtomicReference<>();
            robot.interact(() -> back.set(new ConnectionDialog(stage, List.of()).editing(original).spec()));
            assertEquals(mode, back.get().heartbeat().pong());
            assertEquals(Duration.ofSeconds(2), back.get().heartbeat().interval());
        }
    }

    @Test
    void pongModeWorksWithoutOurHeartbeatAndATooLongPayloadIsNamed(FxRobot robot) {
        AtomicReference<ConnectionSpec> spec = new AtomicReference<>();
        AtomicReference<IllegalArgumentException> error = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = new ConnectionDialog(stage, List.of("ws://example.test/x"));
            d.pongModeField().choice().setValue(PongModeField.Choice.OFF);
            spec.set(d.spec());
            d.pongModeField().choice().setValue(PongModeField.Choice.CUSTOM);
            d.pongModeField().payloadField().setText("x".repeat(200));
            error.set(assertThrows(IllegalArgumentException.class, d::spec));
        });
        assertEquals(PongMode.OFF, spec.get().heartbeat().pong());
        assertTrue(!spec.get().heartbeat().enabled(), "our pings stay off");
        assertTrue(error.get().getMessage().startsWith("Pong: RFC6455-5.5 a pong payload is at most 125 bytes"),
                error.get().getMessage());
    }
}
