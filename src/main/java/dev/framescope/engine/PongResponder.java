package dev.framescope.engine;

/**
 * Answers the server's pings as the {@link PongMode} says: at once with the ping's data (RFC 6455 §5.5.3), later,
 * with another payload, or not at all. Called on the library's read thread; a delayed pong waits on the engine's
 * timer, never on the read thread.
 */
final class PongResponder {

    private final Connection connection;
    private final PongMode mode;
    private final ConnectionTimers timers;

    PongResponder(Connection connection, PongMode mode, ConnectionTimers timers) {
        this.connection = connection;
        this.mode = mode;
        this.timers = timers;
    }

    void pinged(byte[] payload) {
        if (mode instanceof PongMode.Off) {
            return;
        }
        if (mode instanceof PongMode.Delayed d) {
            timers.after(d.delay(), () -> connection.pongIfOpen(payload));
        } else if (mode instanceof PongMode.CustomPayload c) {
            connection.recorder().answering(payload, c.bytes());
            connection.pongIfOpen(c.bytes());
        } else {
            connection.pongIfOpen(payload);
        }
    }
}
