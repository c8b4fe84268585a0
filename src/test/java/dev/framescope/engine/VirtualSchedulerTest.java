package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The virtual clock the timing tests run on, and {@link ConnectionTimers} over it. */
class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final ConnectionTimers timers = new ConnectionTimers(scheduler);
    private final long t0 = scheduler.nanoTime();

    @Test
    void tasksRunInDueOrderWithTheClockAtTheirTime() {
        List<String> ran = new ArrayList<>();
        timers.after(Duration.ofMillis(30), () -> ran.add("b@" + (scheduler.nanoTime() - t0) / 1_000_000));
        timers.after(Duration.ofMillis(10), () -> ran.add("a@" + (scheduler.nanoTime() - t0) / 1_000_000));
        timers.after(Duration.ofMillis(50), () -> ran.add("late"));
        scheduler.advance(Duration.ofMillis(40));
        assertEquals(List.of("a@10", "b@30"), ran);
        assertEquals(40_000_000, scheduler.nanoTime() - t0);
    }

    @Test
    void aRepeatingTaskKeepsItsRateUntilItSaysStopOrIsCancelled() {
        List<Long> at = new ArrayList<>();
        timers.every(Duration.ofMillis(100), Duration.ofMillis(100), () -> {
            at.add((scheduler.nanoTime() - t0) / 1_000_000);
            return at.size() < 3;
        });
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of(100L, 200L, 300L), at);

        List<Long> beats = new ArrayList<>();
        timers.every(Duration.ZERO, Duration.ofMillis(50), () -> beats.add(scheduler.nanoTime()));
        scheduler.advance(Duration.ofMillis(120));
        timers.cancelAll();
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(3, beats.size(), "at 0, 50 and 100 ms, none after cancelAll");
    }

    @Test
    void cancelAllCallsOffPendingTasksButLaterOnesStillRun() {
        List<String> ran = new ArrayList<>();
        timers.after(Duration.ofMillis(10), () -> ran.add("cancelled"));
        timers.cancelAll();
        timers.after(Duration.ofMillis(10), () -> ran.add("later"));
        scheduler.advance(Duration.ofMillis(20));
        assertEquals(List.of("later"), ran);
        assertTrue(scheduler.pending() == 0);
    }
}
