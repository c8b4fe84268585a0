package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.Direction;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Recognised Engine.IO: the window offers to answer its '2' pings, and once accepted answers each with '3'. */
@ExtendWith(ApplicationExtension.class)
class EngineIoPongsTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    private static long sentThrees(LiveConnection c) {
        return c.log().readFrom(0, c.log().size()).stream()
                .filter(e -> e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.OUT
                        && new String(m.payload().bytes(), StandardCharsets.UTF_8).equals("3"))
                .count();
    }

    @Test
    void theOfferAnswersEngineIoPings(FxRobot robot) throws InterruptedException {
        String path = "/socketio?interval=5000&ping=200";
        LiveConnection c = harness.openSelected(robot, "socket.io", ConnectionSpec.to(harness.session.demoUrl(path)));
        Await.until(Duration.ofSeconds(10), () -> robot.lookup("#notification-text").queryLabeled().getText()
                .contains("Engine.IO"), "the offer");
        assertEquals(0, sentThrees(c), "nothing answered before the user agrees");
        robot.clickOn("#notification-action");
        Await.until(Duration.ofSeconds(10), () -> sentThrees(c) >= 2, "pongs '3' sent");
        assertFalse(robot.lookup("#notification-strip").query().isVisible(), "the offer is gone once taken");
        assertTrue(EngineIoPongs.isOpenPacket("0{\"sid\":\"a\",\"upgrades\":[],\"pingInterval\":25000}"));
        assertFalse(EngineIoPongs.isOpenPacket("0{\"sid\":\"a\"}"), "no ping interval, no Engine.IO open packet");
    }
}
