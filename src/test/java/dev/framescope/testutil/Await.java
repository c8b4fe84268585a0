package dev.framescope.testutil;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, polling briefly; tests use it instead of sleeping for events. */
public final class Await {

    private Await() {
    }

    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    public static void until(BooleanSupplier condition, String what) {
        until(Duration.ofSeconds(10), condition, what);
    }
}
