package dev.framescope.ui.fx;

/**
 * The one seam that owns the UI thread. Views and models post work through it instead of calling
 * {@code Platform.runLater} directly, so tests can run them on the calling thread.
 *
 * <p>For streams of events use {@link FxPump} (one drain per pulse), not one {@link #execute} per event. The FX
 * implementation is the only caller of {@code Platform.runLater} in the code.
 */
public interface UiDispatcher {

    /** Runs {@code task} on the UI thread: now if already there, otherwise soon. */
    void execute(Runnable task);

    /**
     * Runs {@code task} on the UI thread after the event being handled now (a layout pass, a skin change), even when
     * called on the UI thread.
     */
    void post(Runnable task);

    /** Whether the calling thread is the UI thread. */
    boolean isUiThread();

    /** The JavaFX implementation. */
    static UiDispatcher fx() {
        return FxUiDispatcher.INSTANCE;
    }

    /** Runs every task immediately on the caller's thread; for tests and headless use. */
    static UiDispatcher sameThread() {
        return SameThreadUiDispatcher.INSTANCE;
    }
}
