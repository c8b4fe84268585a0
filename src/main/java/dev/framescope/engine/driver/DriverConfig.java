package dev.framescope.engine.driver;

import java.time.Duration;

/**
 * How a {@link ClientDriver} behaves.
 *
 * @param strict         fail on the first server violation (Strict mode) instead of observing on
 * @param closeTimeout   how long a close frame of ours that failed the connection waits for the server's, and a
 *                       refused upgrade for the body it announced
 * @param tcpCloseGrace  how long the server may keep TCP open after the close handshake (RFC 6455 §7.1.1)
 * @param maxQueuedBytes data waits to be queued while more than this is queued
 */
public record DriverConfig(boolean strict, Duration closeTimeout, Duration tcpCloseGrace, long maxQueuedBytes) {

    /** The defaults: a close answered within 3 s, TCP closed by the server within 2 s, 128 MiB queued at most. */
    public static DriverConfig of(boolean strict) {
        return new DriverConfig(strict, Duration.ofSeconds(3), Duration.ofSeconds(2), 128L * 1024 * 1024);
    }
}
