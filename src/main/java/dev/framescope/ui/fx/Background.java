package dev.framescope.ui.fx;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Work that must not run on the FX thread (file I/O, large decodes): it runs on the window's one executor, and its
 * result comes back through the {@link UiDispatcher}. The application owns the executor and shuts it down; nothing
 * here is static.
 */
public final class Background {

    /** A submitted piece of work; cancelling interrupts it and drops its result. */
    public interface Job {
        void cancel();

        /** Whether its outcome has been delivered on the UI thread. */
        boolean isDone();
    }

    /** How a job ended, delivered on the UI thread. */
    public interface Outcome<T> {
        void succeeded(T value);

        /** The work threw; {@code problem} is its exception (never shown raw: callers word it). */
        void failed(Exception problem);

        /** The user cancelled; nothing more is delivered. */
        default void cancelled() {
        }
    }

    private final Executor executor;
    private final UiDispatcher ui;

    public Background(Executor executor, UiDispatcher ui) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Everything on the calling thread, at once: for tests of views that would otherwise decode in the background. */
    public static Background sameThread() {
        return new Background(Runnable::run, UiDispatcher.sameThread());
    }

    public UiDispatcher ui() {
        return ui;
    }

    /** The executor itself, for work whose outcome nobody waits for (setting a removed capture aside). */
    public Executor executor() {
        return executor;
    }

    /** Runs {@code work} off the UI thread; {@code outcome} hears how it ended, on the UI thread. */
    public <T> Job submit(Callable<T> work, Outcome<T> outcome) {
        AtomicBoolean delivered = new AtomicBoolean();
        FutureTask<T> task = new FutureTask<>(work) {
            @Override
            protected void done() {
                ui.execute(() -> {
                    try {
                        deliver(this, outcome);
                    } finally {
                        delivered.set(true);
                    }
                });
            }
        };
        executor.execute(task);
        return new Job() {
            @Override
            public void cancel() {
                task.cancel(true);
            }

            @Override
            public boolean isDone() {
                return delivered.get();
            }
        };
    }

    /** Runs {@code work} off the UI thread and hands its result to {@code done} on the UI thread; failures rethrow. */
    public <T> Job submit(Callable<T> work, Consumer<T> done) {
        return submit(work, new Outcome<T>() {
            @Override
            public void succeeded(T value) {
                done.accept(value);
            }

            @Override
            public void failed(Exception problem) {
                throw new IllegalStateException("background work failed", problem);
            }
        });
    }

    private static <T> void deliver(FutureTask<T> task, Outcome<T> outcome) {
        try {
            outcome.succeeded(task.get());
        } catch (CancellationException e) {
            outcome.cancelled();
        } catch (ExecutionException e) {
            outcome.failed(e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
