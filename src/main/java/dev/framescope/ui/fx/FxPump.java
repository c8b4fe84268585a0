package dev.framescope.ui.fx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;

/**
 * Moves live data onto the FX thread once per pulse. Producers (tap threads) only append to their own buffers;
 * on each pulse the pump calls every registered {@link PulseListener}, which drains its buffer in one batch.
 * Nobody calls {@code Platform.runLater} per event.
 *
 * <p>The work of each pulse is timed with {@link System#nanoTime()} into {@link #stats()}.
 */
public final class FxPump {

    /** Undoes a {@link #register}; a view calls it when it is hidden. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final List<PulseListener> listeners = new CopyOnWriteArrayList<>();
    private final PulseStats stats;
    private final LongSupplier clock;
    /** A benchmark's: each pulse's work in CPU time of the FX thread, which waits for a core do not inflate. */
    private final Optional<PulseStats> cpuStats;
    private final LongSupplier cpuClock;
    /** Created on {@link #start()}: an AnimationTimer needs the FX toolkit, tests of {@link #pulse} do not. */
    private AnimationTimer timer;

    public FxPump() {
        this(System::nanoTime);
    }

    /** @param window how many recent pulses the stats keep (a benchmark keeps its whole run) */
    public FxPump(int window) {
        this(System::nanoTime, window);
    }

    /** @param clock the clock work is measured with; {@code System::nanoTime} outside tests */
    public FxPump(LongSupplier clock) {
        this(clock, PulseStats.DEFAULT_CAPACITY);
    }

    private FxPump(LongSupplier clock, int window) {
        this(clock, window, Optional.empty(), () -> 0);
    }

    private FxPump(LongSupplier clock, int window, Optional<PulseStats> cpuStats, LongSupplier cpuClock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stats = new PulseStats(window);
        this.cpuStats = cpuStats;
        this.cpuClock = cpuClock;
    }

    /**
     * A benchmark's pump: also times each pulse's work in the FX thread's CPU time ({@link #cpuStats}), the
     * figure that means something on a machine where other processes take the cores.
     */
    public static FxPump measuringCpu(int window) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new FxPump(System::nanoTime, window, Optional.of(new PulseStats(window)),
                threads::getCurrentThreadCpuTime);
    }

    public Registration register(PulseListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Work done on each pulse until it says it is finished. */
    @FunctionalInterface
    public interface UntilDone {
        /** @return true when finished: the pump drops it after this pulse */
        boolean onPulse(long nowNanos);
    }

    /** Registers work that removes itself once it is finished (a one-off action waiting for a state). */
    public Registration registerUntilDone(UntilDone work) {
        Objects.requireNonNull(work, "work");
        PulseListener self = new PulseListener() {
            @Override
            public void onPulse(long nowNanos) {
                if (work.onPulse(nowNanos)) {
                    listeners.remove(this);
                }
            }
        };
        return register(self);
    }

    /** Starts pulsing; call on the FX thread. */
    public void start() {
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulse(now);
                }
            };
        }
        timer.start();
    }

    public void stop() {
        if (timer != null) {
            timer.stop();
        }
    }

    /**
     * One pulse: every listener once, in registration order. A failing listener is reported to the thread's
     * uncaught-exception handler and does not starve the others.
     */
    public void pulse(long nowNanos) {
        long start = clock.getAsLong();
        long cpuStart = cpuClock.getAsLong();
        for (PulseListener listener : listeners) {
            try {
                listener.onPulse(nowNanos);
            } catch (RuntimeException e) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
        stats.record(Math.max(0, clock.getAsLong() - start));
        cpuStats.ifPresent(cpu -> cpu.record(Math.max(0, cpuClock.getAsLong() - cpuStart)));
    }

    public PulseStats stats() {
        return stats;
    }

    /** The pulses' work in CPU time, for a pump made by {@link #measuringCpu}. */
    public Optional<PulseStats> cpuStats() {
        return cpuStats;
    }

    public int listenerCount() {
        return listeners.size();
    }
}
