package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.engine.ConnectionSpec;
import dev.framescope.testutil.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Quit with unsaved live captures asks first: cancel keeps the window, discard closes it, save all saves then closes. */
@ExtendWith(ApplicationExtension.class)
class QuitGuardTest {

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();
    private Stage stage;

    @Start
    void start(Stage s) throws InterruptedException {
        stage = s;
        harness.start(s);
        String url = harness.session.demoUrl("/ticker?rate=50");
        harness.live.select(harness.session.open("ticker", ConnectionSpec.to(url)));
    }

    private void awaitFrames() {
        Await.until(Duration.ofSeconds(10), () -> !harness.session.unsaved().isEmpty(), "captured frames");
    }

    /** File → Quit; the question runs its own loop, so it is fired outside interact. */
    private DialogPane quit(FxRobot robot) {
        Platform.runLater(() -> harness.window.controller().quitItem().fire());
        Await.until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), "the question");
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    private void answer(FxRobot robot, DialogPane pane, javafx.scene.control.ButtonType button) {
        robot.interact(() -> ((Button) pane.lookupButton(button)).fire());
    }

    @Test
    void cancelStaysAndDiscardCloses(FxRobot robot) {
        awaitFrames();
        DialogPane pane = quit(robot);
        assertEquals("1 capture is not saved", pane.getHeaderText());
        assertTrue(pane.getContentText().contains("ticker"), pane.getContentText());
        answer(robot, pane, javafx.scene.control.ButtonType.CANCEL);
        robot.interact(() -> { });
        assertTrue(stage.isShowing(), "Cancel keeps the window");

        answer(robot, quit(robot), QuitGuard.DISCARD);
        Await.until(() -> !stage.isShowing(), "Discard closes it");
    }

    @Test
    void saveAllWritesEveryCaptureThenCloses(FxRobot robot, @TempDir Path dir) throws Exception {
        awaitFrames();
        robot.interact(() -> harness.live.quitGuard().saveAllThenClose(dir));
        Await.until(Duration.ofSeconds(20), () -> !stage.isShowing(), "closed once saved");
        List<Path> saved;
        try (Stream<Path> files = Files.list(dir)) {
            saved = files.toList();
        }
        assertEquals(1, saved.size(), saved.toString());
        assertTrue(saved.get(0).getFileName().toString().matches("01-ticker-\\d{8}-\\d{6}\\.fscap"), saved.toString());
        assertTrue(Files.size(saved.get(0)) > 0);
    }

    @Test
    void aWindowWithNothingUnsavedClosesWithoutAsking(FxRobot robot) {
        robot.interact(() -> harness.session.connections().clear());
        robot.interact(() -> harness.window.controller().quitItem().fire());
        Await.until(() -> !stage.isShowing(), "closed");
        assertFalse(robot.lookup(".dialog-pane").tryQuery().isPresent(), "no question");
    }
}
