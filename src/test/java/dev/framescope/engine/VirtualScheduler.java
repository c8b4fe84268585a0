package dev.framescope.engine;

import dev.framescope.testutil.Await;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A {@link Scheduler} on a virtual clock for tests: time stands still until the test {@linkplain #advance advances}
 * it, and due tasks then run on the test's thread, in the order of their due times, with the clock set to each
 * task's time while it runs. Other threads (a connection's read thread scheduling a delayed pong, say) may schedule
 * at any time. The clock starts at the real {@link System#nanoTime} so stamps stay near the log's anchor. Public for
 * the CLI and window tests, which hand it to their owner through {@link Engine.Factory#on}.
 */
public final class VirtualScheduler implements Scheduler {

    private final AtomicLong now = new AtomicLong(System.nanoTime());
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long scheduled;

    private static final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long order;
        final Runnable body;
        volatile boolean cancelled;
        volatile boolean done;

        Task(long due, long order, Runnable body) {
            this.due = due;
            this.order = order;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            int byDue = Long.compare(due, o.due);
            return byDue != 0 ? byDue : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }
    }

    @Override
    public LongSupplier clock() {
        return now::get;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayNanos) {
        Task t = new Task(now.get() + Math.max(0, delayNanos), scheduled++, task);
        queue.add(t);
        return t;
    }

    /** Moves the clock forward by {@code by}, running every task that falls due meanwhile (and those they schedule). */
    public void advance(Duration by) {
        long target = now.get() + by.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    break;
                }
                queue.poll();
            }
            now.accumulateAndGet(next.due, Math::max);
            if (!next.cancelled) {
                next.body.run();
            }
            next.done = true;
        }
        now.accumulateAndGet(target, Math::max);
    }

    /**
     * Advances {@code step} at a time, with Await's short real pause between steps, until {@code condition} holds:
     * for timed work that another thread (a command, the FX thread) starts at a moment the test cannot see. Each
     * step's tasks have run before the condition is asked again.
     */
    public void advanceUntil(Duration step, BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(20), () -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            advance(step);
            return false;
        }, what);
    }

    /** Runs what is due now (tasks scheduled with no delay). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks waiting, cancelled ones included until their time comes. */
    public synchronized int pending() {
        return queue.size();
    }

    public long nanoTime() {
        return now.get();
    }
}
