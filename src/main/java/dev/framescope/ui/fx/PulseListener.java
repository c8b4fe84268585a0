package dev.framescope.ui.fx;

/** Work done once per JavaFX pulse on the FX thread, e.g. draining new capture events into a list in one addAll. */
@FunctionalInterface
public interface PulseListener {

    /** @param nowNanos the pulse's timestamp, on the {@link System#nanoTime()} clock */
    void onPulse(long nowNanos);
}
