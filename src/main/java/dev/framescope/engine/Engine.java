package dev.framescope.engine;

import dev.framescope.capture.CaptureLog;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What every connection of one owner shares: the {@link Scheduler} (and its clock) for timed work, and the
 * {@link EngineSettings}. The owner — a window's session, a CLI command, a test — creates one, opens connections
 * through it, and closes it when done, which stops its timer thread; nothing of it is static.
 */
public final class Engine implements AutoCloseable {

    private final Scheduler scheduler;
    private final EngineSettings settings;
    private final Optional<ExecutorScheduler> owned;
    private final AtomicInteger connectThreads = new AtomicInteger();

    private Engine(Scheduler scheduler, EngineSettings settings, Optional<ExecutorScheduler> owned) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.owned = owned;
    }

    /** An engine with its own timer thread on {@link System#nanoTime}; {@link #close} ends the thread. */
    public static Engine start(EngineSettings settings) {
        ExecutorScheduler timers = new ExecutorScheduler("framescope-timers");
        return new Engine(timers, settings, Optional.of(timers));
    }

    /** An engine on a scheduler its caller owns (a virtual one in tests); {@link #close} leaves it alone. */
    public static Engine on(Scheduler scheduler, EngineSettings settings) {
        return new Engine(scheduler, settings, Optional.empty());
    }

    /**
     * How an owner that makes its engine itself — a window's session, the {@code capture} command — gets it: the
     * application passes {@link #realTime()}, a test one {@linkplain #on(Scheduler) on its virtual scheduler}.
     */
    @FunctionalInterface
    public interface Factory {
        Engine create(EngineSettings settings);

        /** Engines with their own timer thread on {@link System#nanoTime} ({@link Engine#start}). */
        static Factory realTime() {
            return Engine::start;
        }

        /** Engines on {@code scheduler}, which their caller owns ({@link Engine#on}). */
        static Factory on(Scheduler scheduler) {
            return settings -> Engine.on(scheduler, settings);
        }
    }

    /** Starts connecting; the log receives every event from now on. */
    public Connection open(ConnectionSpec spec, CaptureLog log) {
        return Connection.open(this, spec, log);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The clock its timers and its connections' taps read, in nanoseconds (also what a capture's duration is on). */
    public LongSupplier clock() {
        return scheduler.clock();
    }

    EngineSettings settings() {
        return settings;
    }

    /** A fresh name for a thread that connects (DNS, TCP, TLS, then the library's handshake). */
    String connectThreadName() {
        return "framescope-connect-" + connectThreads.incrementAndGet();
    }

    /** Stops the timers this engine owns; open connections keep their sockets, but no timer fires any more. */
    @Override
    public void close() {
        owned.ifPresent(ExecutorScheduler::close);
    }
}
