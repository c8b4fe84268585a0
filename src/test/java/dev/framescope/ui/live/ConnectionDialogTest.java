package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.ConnectionSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTest {

    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        s.show();
    }

    @Test
    void theFormBecomesASpecWithHeadersAndDeflateParameters(FxRobot robot) {
        AtomicReference<ConnectionSpec> spec = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = new ConnectionDialog(stage, List.of("wss://example.test/feed"));
            d.headersField().setText("Authorization: Bearer abc\nX-Trace: 1");
            d.deflateSwitch().setSelected(true);
            d.serverNoTakeoverSwitch().setSelected(true);
            spec.set(d.spec());
        });
        ConnectionSpec s = spec.get();
        assertEquals("wss://example.test/feed", s.uri().toString());
        assertEquals(List.of(new ConnectionSpec.Header("Authorization", "Bearer abc"),
                new ConnectionSpec.Header("X-Trace", "1")), s.headers());
        assertEquals(List.of("permessage-deflate; server_no_context_takeover"), s.extensionOffers());
        assertTrue(!s.tls().insecure(), "verification stays on unless asked");
    }

    @Test
    void editingFillsTheFormSoTheSameSpecComesBack(FxRobot robot) {
        ConnectionSpec original = ConnectionSpec.to("wss://example.test/x").withHeader("X-A", "1")
                .withSubprotocols(List.of("v1", "v2"))
                .withExtensionOffers(List.of("permessage-deflate; client_no_context_takeover; client_max_window_bits=10",
                        "x-webkit-deflate-frame"))
                .withHeartbeat(dev.framescope.engine.HeartbeatPolicy.every(java.time.Duration.ofSeconds(3)));
        AtomicReference<ConnectionSpec> back = new AtomicReference<>();
        robot.interact(() -> back.set(new ConnectionDialog(stage, List.of()).editing(original).spec()));
        assertEquals(original.uri(), back.get().uri());
        assertEquals(original.headers(), back.get().headers());
        assertEquals(original.subprotocols(), back.get().subprotocols());
        assertEquals(original.extensionOffers(), back.get().extensionOffers());
        assertEquals(original.heartbeat().interval(), back.get().heartbeat().interval());
    }

    @Test
    void aBadFieldIsNamed(FxRobot robot) {
        AtomicReference<IllegalArgumentException> error = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = new ConnectionDialog(stage, List.of());
            d.urlField().getEditor().setText("http://nope");
            error.set(assertThrows(IllegalArgumentException.class, d::spec));
        });
        assertTrue(error.get().getMessage().startsWith("URL: the URL must start with ws:// or wss://"),
                error.get().getMessage());
    }
}
