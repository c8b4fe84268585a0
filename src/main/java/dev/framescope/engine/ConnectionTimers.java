package dev.framescope.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The timed work of one connection on the engine's {@link Scheduler}, so that closing the connection can call it all
 * off at once ({@link #cancelAll}). Thread-safe: the pending list is guarded by this object's lock, and a repeating
 * task checks a generation number so that one running during {@code cancelAll} does not schedule itself again.
 */
final class ConnectionTimers {

    private final Scheduler scheduler;
    private final List<Scheduler.Cancellable> pending = new ArrayList<>();
    private volatile int generation;

    ConnectionTimers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    long now() {
        return scheduler.clock().getAsLong();
    }

    Scheduler scheduler() {
        return scheduler;
    }

    LongSupplier clock() {
        return scheduler.clock();
    }

    /** Runs {@code task} once after {@code delay}. */
    void after(Duration delay, Runnable task) {
        synchronized (this) {
            pending.removeIf(Scheduler.Cancellable::isDone);
            pending.add(scheduler.schedule(task, delay.toNanos()));
        }
    }

    /**
     * Runs {@code task} at a fixed rate — {@code first} from now, then every {@code period} on the clock, not
     * drifting with the task's own time — until it returns false or {@link #cancelAll} is called.
     */
    void every(Duration first, Duration period, BooleanSupplier task) {
        int mine = generation;
        long start = now() + first.toNanos();
        repeat(start, period.toNanos(), 0, mine, task);
    }

    private void repeat(long start, long period, long k, int mine, BooleanSupplier task) {
        long due = start + k * period;
        synchronized (this) {
            pending.removeIf(Scheduler.Cancellable::isDone);
            pending.add(scheduler.schedule(() -> {
                if (generation == mine && task.getAsBoolean() && generation == mine) {
                    repeat(start, period, k + 1, mine, task);
                }
            }, due - now()));
        }
    }

    /** Calls off everything pending; later calls to {@link #after} schedule as usual. */
    void cancelAll() {
        synchronized (this) {
            generation++;
            pending.forEach(Scheduler.Cancellable::cancel);
            pending.clear();
        }
    }
}
