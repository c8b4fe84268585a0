package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.testutil.Await;
import dev.framescope.ui.fx.Background;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
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
 * Opening a file keeps the reader within reach of the window: it waits while it is {@link FileActions#AHEAD} events
 * ahead of what the window has read of the log it shows, so the window never reads back from disk on the FX thread
 * what the reader has only just moved there. The window is held still (its FX thread waits on a latch) while the
 * reader runs into the limit; no timing.
 */
@ExtendWith(ApplicationExtension.class)
class OpenPacingWindowTest {

    private static final int FRAMES = 100_000;

    private final LiveWindowHarness h = new LiveWindowHarness();
    /** The reader waits here, after listing the connection, until the FX thread is held. */
    private final CountDownLatch readerMayGo = new CountDownLatch(1);
    private final CountDownLatch releaseFx = new CountDownLatch(1);
    private final AtomicReference<CaptureLog> loading = new AtomicReference<>();
    /** The most events the log ever held beyond what the window had read, at the reader's checkpoints. */
    private final AtomicInteger mostAhead = new AtomicInteger();
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
            @Override
            public void connection(CaptureLog log) {
                listener.connection(log);
                loading.set(log);
                try {
                    readerMayGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void position(long offset) {
                CaptureLog log = loading.get();
                if (log != null && log.readingAt() >= 0) {
                    mostAhead.accumulateAndGet(log.size() - log.readingAt(), Math::max);
                }
                listener.position(offset);
            }
        });
        h.start(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        readerMayGo.countDown();
        releaseFx.countDown();
        h.stop(robot);
    }

    @Test
    void theReaderWaitsForTheWindowInsteadOfRunningAhead(FxRobot robot) throws Exception {
        AtomicReference<Background.Job> job = new AtomicReference<>();
        robot.interact(() -> job.set(h.live.files().open(file)));
        Await.until(() -> loading.get() != null && loading.get().readingAt() >= 0, "the window shows the log");

        CountDownLatch fxHeld = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxHeld.countDown();
            try {
                releaseFx.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(fxHeld.await(20, TimeUnit.SECONDS), "the FX thread is held");
        CaptureLog log = loading.get();
        int read = log.readingAt();
        readerMayGo.countDown();
        Await.until(() -> log.size() - read >= FileActions.AHEAD, "the reader ran up to the limit");
        assertTrue(log.size() < 2 * FRAMES, "and stopped there, the file not read to its end: " + log.size());

        releaseFx.countDown();
        Await.until(() -> job.get().isDone(), "the load done once the window read on");
        Await.until(() -> h.live.timeline().frames().size() == FRAMES, "every frame in the view");
        assertEquals(2 * FRAMES, log.size());
        assertTrue(mostAhead.get() <= FileActions.AHEAD + 2,
                "never more than the limit and a record ahead: " + mostAhead.get());
    }
}
