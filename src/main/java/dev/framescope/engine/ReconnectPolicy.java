package dev.framescope.engine;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnecting after a connection ends abnormally: exponential backoff with full jitter, capped, never a storm.
 * Off by default.
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, double multiplier, Duration maxDelay,
                              int maxAttempts) {

    public static final ReconnectPolicy OFF = new ReconnectPolicy(false, Duration.ofSeconds(1), 2.0,
            Duration.ofSeconds(30), 0);

    public static ReconnectPolicy backoff(Duration initial, Duration max, int attempts) {
        return new ReconnectPolicy(true, initial, 2.0, max, attempts);
    }

    /**
     * Delay before attempt {@code n} (1-based): uniformly random in [base/2, base] where base grows by the multiplier
     * and stops at the cap, so clients that dropped together do not return together.
     */
    public Duration delayBefore(int attempt, Random random) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(base, maxDelay.toMillis());
        long jittered = capped / 2 + (long) (random.nextDouble() * (capped - capped / 2));
        return Duration.ofMillis(Math.max(1, jittered));
    }

    public boolean allows(int attempt) {
        return enabled && (maxAttempts <= 0 || attempt <= maxAttempts);
    }
}
