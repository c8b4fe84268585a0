package dev.framescope.engine;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The reconnect bookkeeping of one connection under its {@link ReconnectPolicy}: how many attempts in a row have
 * failed, and whether another is allowed. Fed nanosecond stamps; reads no clock. Guarded by this object's lock.
 */
final class Reconnects {

    /** A connection that stayed up this long earns a fresh backoff. */
    static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** The next attempt: its number (1 for the first reconnect) and how long to wait before it. */
    record Next(int attempt, Duration delay) {
    }

    private final ReconnectPolicy policy;
    private final Random jitter;
    private int attempt;
    private long openedAt;

    Reconnects(ReconnectPolicy policy, Random jitter) {
        this.policy = policy;
        this.jitter = jitter;
    }

    synchronized void opened(long nanos) {
        openedAt = nanos;
    }

    /**
     * The connection closed at {@code nanos} with {@code code}: whether to reconnect. Only an abnormal close the user
     * did not ask for is retried; one that fails at once keeps backing off.
     */
    synchronized boolean afterClose(int code, boolean closeRequested, long nanos, int normalCode) {
        if (nanos - openedAt > STABLE_NANOS) {
            attempt = 0;
        }
        return code != normalCode && !closeRequested && policy.allows(attempt + 1);
    }

    /** An attempt failed before it opened: whether to try again. */
    synchronized boolean afterFailure(boolean closeRequested) {
        return !closeRequested && policy.allows(attempt + 1);
    }

    /** Counts the next attempt and its delay (with the policy's jitter). */
    synchronized Next next() {
        attempt++;
        return new Next(attempt, policy.delayBefore(attempt, jitter));
    }
}
