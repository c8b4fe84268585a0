package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.testutil.Await;
import dev.framescope.ui.fx.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Opening a big session file: the first rows show while the rest loads, a progress bar tells how far it is, and
 * Cancel stops it, keeping what was read under a name that says so. The load is held half-way by a gate in the
 * reader (no timing): the test decides when it goes on.
 */
@ExtendWith(ApplicationExtension.class)
class OpenBigFileWindowTest {

    private static final int FRAMES = 20_000;

    private final LiveWindowHarness h = new LiveWindowHarness();
    /** Open while the reader, past half the file, waits at the gate. */
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch atGate = new CountDownLatch(1);
    private final AtomicBoolean loadOnFxThread = new AtomicBoolean();
    private Path file;

    @TempDir
    Path dir;

    @BeforeEach
    void writeFile() throws Exception {
        file = TickerFiles.write(dir.resolve("ticker.fscap"), FRAMES);
    }

    @Start
    void start(Stage stage) {
        h.loader = (f, budget, listener) -> SessionFiles.load(f, budget, new SessionFiles.LoadListener() {
            private long half = -1;

            @Override
            public void connection(CaptureLog log) {
                listener.connection(log);
            }

            @Override
            public void position(long offset) {
                loadOnFxThread.compareAndSet(false, javafx.application.Platform.isFxApplicationThread());
                listener.position(offset);
                if (half < 0) {
                    half = size(f) / 2;
                }
                if (offset >= half && atGate.getCount() > 0) {
                    atGate.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        // Cancelled: the reader sees the interrupt and stops.
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        h.start(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        gate.countDown();
        h.stop(robot);
    }

    @Test
    void firstRowsAndProgressShowWhileTheRestLoads(FxRobot robot) throws Exception {
        Supplier<Background.Job> open = () -> h.live.files().open(file);
        AtomicReference<Background.Job> job = new AtomicReference<>();
        robot.interact(() -> job.set(open.get()));
        assertTrue(atGate.await(20, java.util.concurrent.TimeUnit.SECONDS), "the reader reached half the file");

        Await.until(() -> !h.live.table().getItems().isEmpty(), "rows in the table while the load waits");
        ProgressBar bar = robot.lookup("#statusProgress").queryAs(ProgressBar.class);
        Await.until(() -> bar.getProgress() >= 0.4, "a determinate progress");
        robot.interact(() -> { });
        assertTrue(bar.isVisible(), "the progress bar shows");
        assertTrue(bar.getProgress() >= 0.4 && bar.getProgress() < 0.6, "about half: " + bar.getProgress());
        assertTrue(robot.lookup("#statusCancel").query().isVisible(), "Cancel shows");
        assertFalse(job.get().isDone(), "the load is still running");
        long framesNow = h.live.timeline().log().orElseThrow().counters().framesIn();
        assertTrue(framesNow > 0 && framesNow < FRAMES, "part of the frames: " + framesNow);

        gate.countDown();
        Await.until(() -> job.get().isDone(), "the load done");
        Await.until(() -> h.live.timeline().frames().size() == FRAMES, "every frame in the view");
        robot.interact(() -> { });
        assertFalse(bar.isVisible(), "the progress bar is gone");
        assertEquals(1, h.session.connections().size());
        assertFalse(h.session.connections().get(0).name().contains("partly loaded"),
                h.session.connections().get(0).name());
        assertFalse(loadOnFxThread.get(), "the file was read off the FX thread");
    }

    @Test
    void cancelKeepsWhatWasReadMarkedPartlyLoaded(FxRobot robot) throws Exception {
        AtomicReference<Background.Job> job = new AtomicReference<>();
        robot.interact(() -> job.set(h.live.files().open(file)));
        assertTrue(atGate.await(20, java.util.concurrent.TimeUnit.SECONDS), "the reader reached half the file");
        Await.until(() -> !h.live.table().getItems().isEmpty(), "rows in the table while the load waits");

        // The notice gives way to the totals after a few seconds: keep every text the status bar showed.
        List<String> statusTexts = new CopyOnWriteArrayList<>();
        robot.interact(() -> robot.lookup("#statusText").queryLabeled().textProperty()
                .addListener((o, was, now) -> statusTexts.add(now)));
        robot.clickOn("#statusCancel");
        Await.until(() -> job.get().isDone(), "the cancelled load ended");
        robot.interact(() -> { });

        assertEquals(1, h.session.connections().size());
        LiveConnection c = h.session.connections().get(0);
        assertTrue(c.name().startsWith("ticker.fscap · demo:/ticker (partly loaded, cancelled at "), c.name());
        long kept = c.log().counters().framesIn();
        assertTrue(kept > 0 && kept < FRAMES, "what was read stays: " + kept);
        assertEquals(c, h.live.connections().getSelectionModel().getSelectedItem(), "still selected");
        assertTrue(statusTexts.stream().anyMatch(t -> t.startsWith("Opening ticker.fscap cancelled at ")
                && t.endsWith("what was read is shown, marked partly loaded")), statusTexts.toString());
        assertFalse(robot.lookup("#statusProgress").query().isVisible(), "no progress bar after the cancel");
        assertFalse(loadOnFxThread.get(), "the file was read off the FX thread");
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
