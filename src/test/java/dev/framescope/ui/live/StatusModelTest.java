package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.testutil.Await;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.UiDispatcher;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The status bar's model on a virtual clock: totals once a second, notices that hold, work that can be cancelled. */
class StatusModelTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final StatusModel status = new StatusModel(clock::get,
            () -> new StatusModel.Counts(2, 1_500, 10, 20, 3 << 20, 512L << 20));

    @Test
    void totalsComeOnceASecondAndANoticeHoldsTheBar() {
        status.onPulse(0);
        assertEquals("2 connections · 1,500 frames captured · 1,500 frames/s · 10 shown of 20 in this view · capture"
                + " memory 3.0 of 512 MB", status.text().get());
        status.notice("Exported demo ticker");
        clock.addAndGet(2_000_000_000L);
        status.onPulse(0);
        assertEquals("Exported demo ticker", status.text().get(), "held for 5 s");
        clock.addAndGet(4_000_000_000L);
        status.onPulse(0);
        assertTrue(status.text().get().startsWith("2 connections"), status.text().get());
        StatusModel one = new StatusModel(clock::get, () -> new StatusModel.Counts(1, 1, 1, 1, 0, 512L << 20));
        one.onPulse(0);
        assertTrue(one.text().get().startsWith("1 connection · 1 frame captured · "), one.text().get());
        status.problem("Cannot open x.fscap: no such file");
        assertTrue(status.error().get(), "a problem is shown as one");
    }

    @Test
    void cancelInterruptsTheWorkAndTheBarForgetsIt() throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Background background = new Background(executor, UiDispatcher.sameThread());
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean cancelled = new AtomicBoolean();
            StatusModel.Work work = status.begin("Saving big.fscap…");
            Background.Job job = background.submit(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return "done";
            }, new Background.Outcome<String>() {
                @Override
                public void succeeded(String value) {
                }

                @Override
                public void failed(Exception problem) {
                }

                @Override
                public void cancelled() {
                    cancelled.set(true);
                }
            });
            work.cancelWith(job);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals("Saving big.fscap…", status.work().get());
            status.cancel();
            assertEquals("", status.work().get(), "the progress bar and Cancel go away");
            Await.until(Duration.ofSeconds(10), interrupted::get, "the work interrupted");
            Await.until(Duration.ofSeconds(10), job::isDone, "the outcome delivered");
            assertTrue(cancelled.get(), "its outcome is 'cancelled', not a result");
            assertFalse(status.error().get());
        } finally {
            executor.shutdownNow();
        }
    }
}
