package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Direction;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import dev.framescope.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Close sends what the user means: its own reason field, empty by default; the message field is never the reason. */
@ExtendWith(ApplicationExtension.class)
class ComposerCloseTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    private LiveConnection openEcho(FxRobot robot) throws InterruptedException {
        String url = harness.session.demoUrl("/echo");
        LiveConnection[] c = new LiveConnection[1];
        robot.interact(() -> {
            c[0] = harness.session.open("echo", ConnectionSpec.to(url));
            harness.live.select(c[0]);
        });
        assertTrue(c[0].connection().orElseThrow().awaitOpen(Duration.ofSeconds(10)), "open");
        return c[0];
    }

    private static Optional<byte[]> sentClose(LiveConnection c) {
        return c.log().readFrom(0, c.log().size()).stream()
                .filter(e -> e instanceof FrameEvent f && f.dir() == Direction.OUT
                        && f.header().opcode() == Opcode.CLOSE)
                .map(e -> ((FrameEvent) e).payload().bytes()).findFirst();
    }

    @Test
    void closeIgnoresTheMessageFieldAndSendsItsOwnReason(FxRobot robot) throws InterruptedException {
        LiveConnection first = openEcho(robot);
        robot.clickOn("#composer-text").write("{\"op\":\"sub\"}");
        robot.interact(() -> robot.lookup("#composer-close").queryAs(javafx.scene.control.SplitMenuButton.class).fire());
        Await.until(Duration.ofSeconds(10), () -> sentClose(first).isPresent(), "the close frame");
        assertArrayEquals(new byte[] {0x03, (byte) 0xe8}, sentClose(first).get(), "1000 and no reason");

        LiveConnection second = openEcho(robot);
        robot.clickOn("#composer-close-reason").write("bye now");
        robot.interact(() -> robot.lookup("#composer-close").queryAs(javafx.scene.control.SplitMenuButton.class).fire());
        Await.until(Duration.ofSeconds(10), () -> sentClose(second).isPresent(), "the second close frame");
        byte[] payload = sentClose(second).get();
        assertEquals("bye now", new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    @Test
    void aReasonLongerThanACloseFrameHoldsIsRefusedNotCut(FxRobot robot) throws InterruptedException {
        LiveConnection c = openEcho(robot);
        robot.interact(() -> robot.lookup("#composer-close-reason").queryTextInputControl().setText("x".repeat(140)));
        robot.interact(() -> robot.lookup("#composer-close").queryAs(javafx.scene.control.SplitMenuButton.class).fire());
        String strip = robot.lookup("#notification-text").queryLabeled().getText();
        assertTrue(strip.contains("140 bytes") && strip.contains("123"), strip);
        assertFalse(c.connection().orElseThrow().ended(), "still open");
        assertTrue(sentClose(c).isEmpty());
    }
}
