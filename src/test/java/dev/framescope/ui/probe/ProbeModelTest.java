package dev.framescope.ui.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.probe.SloppyServer;
import dev.framescope.testutil.Await;
import dev.framescope.testutil.SharedDemo;
import dev.framescope.testutil.SharedEngine;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.UiDispatcher;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The Probe window's model without a stage: the test thread plays the FX thread (it runs the background work it is
 * handed and drains what the probe's threads post, then pulses). A sloppy server keeps 6.* slow, since every case
 * whose invalid text it echoes waits out its time, so a run is still under way when the test looks at it.
 */
class ProbeModelTest {

    /** Work handed to the background executor or posted to the UI thread, run only when the test says. */
    private final ConcurrentLinkedQueue<Runnable> backgroundWork = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> uiWork = new ConcurrentLinkedQueue<>();
    private final Thread uiThread = Thread.currentThread();
    private final UiDispatcher ui = new UiDispatcher() {
        @Override
        public void execute(Runnable task) {
            if (isUiThread()) {
                task.run();
            } else {
                uiWork.add(task);
            }
        }

        @Override
        public void post(Runnable task) {
            uiWork.add(task);
        }

        @Override
        public boolean isUiThread() {
            return Thread.currentThread() == uiThread;
        }
    };
    private final ProbeModel model = new ProbeModel(SharedEngine.get(), new Background(backgroundWork::add, ui));

    private void runBackgroundWork() {
        for (Runnable r; (r = backgroundWork.poll()) != null; ) {
            r.run();
        }
    }

    private void pulse() {
        for (Runnable r; (r = uiWork.poll()) != null; ) {
            r.run();
        }
        model.onPulse(System.nanoTime());
    }

    @Test
    void progressIsLiveAndStopKeepsTheCasesThatRan() throws Exception {
        try (SloppyServer sloppy = new SloppyServer()) {
            model.start(sloppy.uri().toString(), Set.of("6"));
            assertTrue(model.running().get());
            assertEquals("Checking that the server echoes…", model.status().get());
            runBackgroundWork();
            Await.until(Duration.ofSeconds(30), () -> {
                pulse();
                return !model.results().isEmpty();
            }, "the first results in the table");
            double live = model.progress().get();
            assertTrue(live > 0 && live < 1, "progress while running: " + live);
            assertTrue(model.status().get().matches("\\d+ of 145 cases done"), model.status().get());

            model.stop();
            pulse();
            String stopping = model.status().get();
            assertTrue(stopping.equals("Stopping…") || stopping.startsWith("Stopped after "), stopping);
            Await.until(Duration.ofSeconds(30), () -> {
                pulse();
                return !model.running().get();
            }, "the run to end after Stop");
            pulse();
            int ran = model.results().size();
            assertTrue(ran > 0 && ran < 145, ran + " cases ran");
            assertTrue(model.status().get().startsWith("Stopped after " + ran + " of 145 cases, "),
                    model.status().get());
            assertEquals(ran / 145.0, model.progress().get(), 1e-9);
        }
    }

    @Test
    void aServerThatDoesNotEchoIsNamedAndNoCaseRuns() {
        // /close/1000 upgrades, then closes at once: nothing comes back.
        model.start(SharedDemo.server().uri("/close/1000").toString(), Set.of("1"));
        runBackgroundWork();
        pulse();
        assertFalse(model.running().get());
        assertEquals("The server does not echo: sent a 28-byte text message and the server closed the connection "
                + "before anything came back.", model.status().get());
        assertTrue(model.results().isEmpty());
    }

    /** A case that threw reaches the model wrapped by the probe's executor: its words, not a Java class name. */
    @Test
    void aFailedRunIsSaidInWords() {
        Exception wrapped = new java.util.concurrent.ExecutionException(
                new IllegalStateException("the case's connection could not be opened"));
        assertEquals("the case's connection could not be opened", ProbeModel.words(wrapped));
        assertEquals("an unexpected problem", ProbeModel.words(new java.util.concurrent.ExecutionException(
                new NullPointerException())));
    }

    @Test
    void stopDuringTheEchoCheckStartsNoCase() throws Exception {
        try (SloppyServer sloppy = new SloppyServer()) {
            model.start(sloppy.uri().toString(), Set.of("2"));
            model.stop();
            runBackgroundWork();
            pulse();
            assertFalse(model.running().get(), "no run after Stop");
            assertEquals("Stopped before the first case.", model.status().get());
            assertTrue(model.results().isEmpty());
        }
    }
}
