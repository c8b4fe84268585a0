package dev.framescope.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a command that records until it is told to stop ({@code capture}, {@code proxy}): the shutdown hook
 * says it was pressed, then holds the JVM (5 s at most) until the command has written its file.
 */
final class CtrlC {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onInterrupt);
    private volatile boolean pressed;

    /** From now on Ctrl-C asks the command to stop instead of ending the JVM at once. */
    void arm() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean pressed() {
        return pressed;
    }

    /** The command is done and its file written: a running hook lets the JVM go, an idle one is removed. */
    void finished() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and waits for us.
        }
    }

    private void onInterrupt() {
        pressed = true;
        try {
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
