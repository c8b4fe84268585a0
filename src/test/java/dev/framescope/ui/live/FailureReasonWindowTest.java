package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A failed connection says why on its card, in its tooltip, in the Handshake tab and in the Close tab (headless
 * Monocle, real sockets on loopback: a port with nothing listening, a server that hangs up during the upgrade).
 */
@ExtendWith(ApplicationExtension.class)
class FailureReasonWindowTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    private LiveConnection openAndAwaitFailure(FxRobot robot, String url) {
        LiveConnection[] c = new LiveConnection[1];
        robot.interact(() -> {
            c[0] = harness.session.open("target", ConnectionSpec.to(url));
            harness.live.select(c[0]);
        });
        Await.until(Duration.ofSeconds(15), () -> c[0].failure().isPresent(), "the failure");
        return c[0];
    }

    private String text(FxRobot robot, Label label) {
        String[] t = new String[1];
        Await.until(Duration.ofSeconds(5), () -> {
            robot.interact(() -> t[0] = label.getText());
            return t[0].startsWith("Failed") || t[0].startsWith("Never");
        }, "the reason shown in " + label.getText());
        return t[0];
    }

    @Test
    void aPortWithNothingListeningIsRefusedInWords(FxRobot robot) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        LiveConnection c = openAndAwaitFailure(robot, "ws://127.0.0.1:" + port + "/");
        String expected = "connection refused — nothing listens on 127.0.0.1:" + port;
        assertEquals(expected, c.failure().orElseThrow().reason());
        Await.until(() -> robot.lookup(".connection-state").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains(expected)), "the card's second line");
        assertTrue(robot.lookup(".connections-list .list-cell").queryAllAs(javafx.scene.control.ListCell.class)
                .stream().anyMatch(cell -> cell.getTooltip() != null
                        && cell.getTooltip().getText().contains("Failed during TCP: " + expected)), "the tooltip");
        assertEquals("Failed during TCP: " + expected, text(robot, harness.live.details().handshakeSummary()));
        robot.interact(() -> DetailTab.HANDSHAKE.select(harness.window.controller().detailTabs()));
        Label failedPhase = robot.lookup(".waterfall-failed").query();
        assertTrue(failedPhase.getText().matches("TCP +failed"), "the waterfall ends with the phase that failed: "
                + failedPhase.getText());
        assertTrue(robot.lookup(".text-area").queryAllAs(javafx.scene.control.TextArea.class).stream()
                .anyMatch(a -> a.getPromptText().startsWith("Nothing sent: the connection failed during TCP")),
                "the empty request box says why it is empty");
        robot.interact(() -> DetailTab.CLOSE.select(harness.window.controller().detailTabs()));
        Label close = robot.lookup(".close-summary").query();
        assertTrue(text(robot, close).startsWith("Never opened: " + expected), close.getText());
    }

    @Test
    void aServerThatHangsUpDuringTheUpgradeIsNamed(FxRobot robot) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    in.read(new byte[512]);
                } catch (IOException e) {
                    // The test sees the result on the client side.
                }
            }, "hang-up peer");
            peer.start();
            LiveConnection c = openAndAwaitFailure(robot, "ws://127.0.0.1:" + server.getLocalPort() + "/");
            assertEquals("Upgrade", c.failure().orElseThrow().phase(), c.failure().get().toString());
            assertTrue(text(robot, harness.live.details().handshakeSummary())
                    .startsWith("Failed during Upgrade: the server hung up during the upgrade"));
            peer.join(5_000);
        }
    }
}
