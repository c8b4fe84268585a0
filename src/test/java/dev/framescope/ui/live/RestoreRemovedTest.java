package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Removing a connection does not lose its capture: the strip offers it back at once, Edit → Restore Removed
 * Connection does so later in the session, and meanwhile its payloads wait in its spill file, not on the heap.
 */
@ExtendWith(ApplicationExtension.class)
class RestoreRemovedTest {

    private final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) {
        harness.start(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        harness.stop(robot);
    }

    private MenuItem menuItem(String text) {
        return harness.live.connections().getContextMenu().getItems().stream()
                .filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    private String strip(FxRobot robot) {
        NotificationStrip strip = robot.lookup("#notification-strip").query();
        String[] shown = new String[1];
        robot.interact(() -> shown[0] = strip.shown());
        return shown[0];
    }

    @Test
    void aRemovedCaptureComesBackWholeFromTheStripOrTheEditMenu(FxRobot robot) throws Exception {
        String url = harness.session.demoUrl("/ticker?rate=5000");
        String echo = harness.session.demoUrl("/echo");
        LiveConnection[] made = new LiveConnection[2];
        robot.interact(() -> {
            made[0] = harness.session.open("kept", ConnectionSpec.to(echo));
            made[1] = harness.session.open("ticker to remove", ConnectionSpec.to(url));
            harness.live.select(made[1]);
        });
        LiveConnection ticker = made[1];
        Await.until(Duration.ofSeconds(10), () -> ticker.log().counters().framesIn() >= 3_000, "ticker frames past the first 64 KiB block");
        MenuItem restoreItem = harness.window.controller().restoreRemovedItem();
        assertTrue(restoreItem.isDisable(), "nothing to restore yet");

        robot.interact(() -> menuItem("Remove").fire());
        assertFalse(harness.session.connections().contains(ticker), "off the list");
        assertTrue(strip(robot).startsWith("Removed ‘ticker to remove’"), strip(robot));
        assertFalse(restoreItem.isDisable(), "Edit → Restore Removed Connection is offered");

        Await.until(Duration.ofSeconds(10), () -> ticker.connection().orElseThrow().ended(), "the ticker closed");
        int events = ticker.log().size();
        Await.until(Duration.ofSeconds(10), () -> ticker.log().payloads().bytesSpilled() > 0,
                "its payloads wait in the spill file");
        long framesIn = ticker.log().counters().framesIn();
        List<CaptureEvent> before = ticker.log().readFrom(0, events);

        robot.clickOn("#notification-action");
        assertTrue(harness.session.connections().contains(ticker), "back on the list");
        assertSame(ticker, harness.live.connections().getSelectionModel().getSelectedItem(), "and selected");
        assertTrue(restoreItem.isDisable(), "nothing more to restore");
        Await.until(Duration.ofSeconds(10), () -> harness.live.timeline().frames().size() == framesIn
                + ticker.log().counters().framesOut(), "every frame in the table again");
        assertPayloadsEqual(before, ticker.log().readFrom(0, events));

        robot.interact(() -> menuItem("Remove").fire());
        assertTrue(strip(robot).startsWith("Removed ‘ticker to remove’"), strip(robot));
        robot.clickOn("#notification-dismiss");
        assertEquals("", strip(robot), "dismissed");
        robot.interact(restoreItem::fire);
        assertSame(ticker, harness.live.connections().getSelectionModel().getSelectedItem(),
                "the Edit menu restores it later too");
    }

    private static void assertPayloadsEqual(List<CaptureEvent> before, List<CaptureEvent> after) {
        assertEquals(before.size(), after.size());
        int messages = 0;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) instanceof MessageEvent m) {
                assertArrayEquals(m.message().payload(), ((MessageEvent) after.get(i)).message().payload(),
                        "message at event " + i);
                messages++;
            }
        }
        assertTrue(messages >= 3_000, "messages compared: " + messages);
    }
}
