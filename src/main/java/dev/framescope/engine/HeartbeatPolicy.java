package dev.framescope.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Our pings — how often, how long to wait for the pong, and what to do when it does not come — and how we answer
 * the server's pings.
 *
 * @param interval zero turns our heartbeat pings off
 * @param pong     how we answer the server's pings; {@link PongMode#AUTO} unless testing the server
 */
public record HeartbeatPolicy(Duration interval, Duration pongTimeout, String payloadPrefix, OnMissed onMissed,
                              PongMode pong) {

    public enum OnMissed { REPORT, CLOSE, RECONNECT }

    public static final HeartbeatPolicy OFF = new HeartbeatPolicy(Duration.ZERO, Duration.ofSeconds(5), "fs-hb-",
            OnMissed.REPORT);

    public HeartbeatPolicy {
        Objects.requireNonNull(pong, "pong");
    }

    /** Answering pings automatically. */
    public HeartbeatPolicy(Duration interval, Duration pongTimeout, String payloadPrefix, OnMissed onMissed) {
        this(interval, pongTimeout, payloadPrefix, onMissed, PongMode.AUTO);
    }

    public static HeartbeatPolicy every(Duration interval) {
        return new HeartbeatPolicy(interval, Duration.ofSeconds(Math.max(1, interval.toSeconds())).plusSeconds(4),
                "fs-hb-", OnMissed.REPORT);
    }

    public boolean enabled() {
        return !interval.isZero() && !interval.isNegative();
    }

    public HeartbeatPolicy withPongTimeout(Duration timeout) {
        return new HeartbeatPolicy(interval, timeout, payloadPrefix, onMissed, pong);
    }

    public HeartbeatPolicy onMissed(OnMissed reaction) {
        return new HeartbeatPolicy(interval, pongTimeout, payloadPrefix, reaction, pong);
    }

    public HeartbeatPolicy withPong(PongMode mode) {
        return new HeartbeatPolicy(interval, pongTimeout, payloadPrefix, onMissed, mode);
    }
}
