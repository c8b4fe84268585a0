package dev.framescope.engine;

import java.util.function.LongSupplier;

/**
 * Runs a connection's timed work — heartbeat pings, pong timeouts, delayed pongs, probe limits, storm pacing, the
 * close timeout, reconnect delays — after a delay measured on {@link #clock()}. The engine's owner supplies it:
 * {@link ExecutorScheduler} on one daemon thread in the application, a manual one driven by a virtual clock in
 * tests. Tasks must be short and must not block: they run one after another.
 */
public interface Scheduler {

    /** The monotonic clock delays are measured on, in nanoseconds (as {@link System#nanoTime}). */
    LongSupplier clock();

    /** Runs {@code task} once, {@code delayNanos} from now (at once when zero or less); the handle cancels it. */
    Cancellable schedule(Runnable task, long delayNanos);

    /** A scheduled task that may still be called off. */
    interface Cancellable {
        /** Keeps the task from running if it has not started yet; harmless when it has run. */
        void cancel();

        boolean isDone();
    }
}
