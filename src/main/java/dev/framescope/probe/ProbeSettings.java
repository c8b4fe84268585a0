package dev.framescope.probe;

import java.time.Duration;

/**
 * How a run goes.
 *
 * @param second           what one of Autobahn's seconds is here: every case's waits ({@code killAfter(1)},
 *                         {@code continueLater(1, …)}) are multiples of it; 1 s matches Autobahn
 * @param parallel         cases run at once, each on its own connection
 * @param handshakeTimeout how long a case waits for the server's 101
 * @param memoryBudget     bytes of heap each case's capture may hold before it spills
 */
public record ProbeSettings(Duration second, int parallel, Duration handshakeTimeout, long memoryBudget) {

    public static final ProbeSettings DEFAULTS = new ProbeSettings(Duration.ofSeconds(1), 4, Duration.ofSeconds(10),
            64L << 20);

    public ProbeSettings {
        if (second.isNegative() || second.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + second.toMillis() + " ms");
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be 1 or more, not " + parallel);
        }
    }

    public ProbeSettings withSecond(Duration value) {
        return new ProbeSettings(value, parallel, handshakeTimeout, memoryBudget);
    }

    public ProbeSettings withParallel(int value) {
        return new ProbeSettings(second, value, handshakeTimeout, memoryBudget);
    }

    long nanos(double autobahnSeconds) {
        return (long) (second.toNanos() * autobahnSeconds);
    }
}
