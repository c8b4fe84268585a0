package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.engine.ProtocolMode;
import dev.framescope.engine.ReconnectPolicy;
import dev.framescope.engine.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
    void unchangedFieldsKeepTheEditedConnectionsExactValuesAndWhatTheFormDoesNotShow(FxRobot robot) {
        ConnectionSpec original = ConnectionSpec.to("wss://example.test/x")
                .withHeartbeat(new HeartbeatPolicy(Duration.ofMillis(500), Duration.ofMillis(1500), "probe-",
                        HeartbeatPolicy.OnMissed.RECONNECT))
                .withTimeouts(Duration.ofMillis(2500), Duration.ofSeconds(9))
                .withTls(new TlsOptions(Optional.empty(), Optional.of(Path.of("/tmp/client.p12")),
                        "pw".toCharArray(), true))
                .withReconnect(new ReconnectPolicy(true, Duration.ofMillis(100), 3.0, Duration.ofSeconds(2), 0))
                .withOrigin("http://o.test").withMaxMessageBytes(1000)
                .withProxy(InetSocketAddress.createUnresolved("proxy.test", 3128));
        AtomicReference<ConnectionSpec> same = new AtomicReference<>();
        AtomicReference<ConnectionSpec> changed = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = new ConnectionDialog(stage, List.of()).editing(original);
            same.set(d.spec());
            d.heartbeatField().getValueFactory().setValue(3);
            changed.set(d.spec());
        });
        assertEquals(original, same.get(), "500 ms shown as 1 s stays 500 ms; origin, limit, backoff kept");
        assertEquals(Duration.ofSeconds(3), changed.get().heartbeat().interval(), "a changed field wins");
        assertEquals(Duration.ofMillis(1500), changed.get().heartbeat().pongTimeout());
        assertEquals("probe-", changed.get().heartbeat().payloadPrefix());
    }

    /** Issue 14: the mode is a field of its own, in words, and survives editing both ways. */
    @Test
    void theModeRoundTripsAndIsShownInWords(FxRobot robot) {
        ConnectionSpec observing = ConnectionSpec.to("wss://example.test/x").withMode(ProtocolMode.OBSERVE);
        AtomicReference<ConnectionSpec> kept = new AtomicReference<>();
        AtomicReference<ConnectionSpec> turnedStrict = new AtomicReference<>();
        AtomicReference<ConnectionSpec> fresh = new AtomicReference<>();
        robot.interact(() -> {
            ConnectionDialog d = new ConnectionDialog(stage, List.of()).editing(observing);
            assertEquals(ProtocolMode.OBSERVE, d.modeField().value());
            assertEquals("Observe", d.modeField().choice().getConverter().toString(ProtocolMode.OBSERVE));
            assertEquals("Strict", d.modeField().choice().getConverter().toString(ProtocolMode.STRICT));
            assertEquals(ProtocolMode.OBSERVE.explanation(), d.modeField().explanation().getText());
            kept.set(d.spec());
            d.modeField().choice().setValue(ProtocolMode.STRICT);
            assertEquals(ProtocolMode.STRICT.explanation(), d.modeField().explanation().getText());
            turnedStrict.set(d.spec());
            fresh.set(new ConnectionDialog(stage, List.of("wss://example.test/y")).spec());
        });
        assertEquals(observing, kept.get(), "OK without changes keeps Observe");
        assertEquals(ProtocolMode.STRICT, turnedStrict.get().mode(), "a changed mode wins");
        assertEquals(ProtocolMode.STRICT, fresh.get().mode(), "a new connection starts strict");
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
