package dev.framescope.engine;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The real {@link Scheduler}: one daemon timer thread on {@link System#nanoTime}, ended by {@link #close}. */
final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    ExecutorScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // Cancelled timers (every answered ping's timeout) leave the queue at once instead of at their deadline.
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public LongSupplier clock() {
        return System::nanoTime;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f;
        try {
            f = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: the owner is done with its connections, so their late timers have nothing left to do.
            return Done.INSTANCE;
        }
        return new Cancellable() {
            @Override
            public void cancel() {
                f.cancel(false);
            }

            @Override
            public boolean isDone() {
                return f.isDone();
            }
        };
    }

    /** Pending tasks are dropped; a task running now finishes. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private enum Done implements Cancellable {
        INSTANCE;

        @Override
        public void cancel() {
        }

        @Override
        public boolean isDone() {
            return true;
        }
    }
}
