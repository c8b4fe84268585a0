package dev.framescope.engine;

import java.time.Duration;

/**
 * Our pings: how often, how long to wait for the pong, and what to do when it does not come.
 *
 * @param interval zero turns heartbeats off
 */
public record HeartbeatPolicy(Duration interval, Duration pongTimeout, String payloadPrefix, OnMissed onMissed) {

    public enum OnMissed { REPORT, CLOSE, RECONNECT }

    public static final HeartbeatPolicy OFF = new HeartbeatPolicy(Duration.ZERO, Duration.ofSeconds(5), "fs-hb-",
            OnMissed.REPORT);

    public static HeartbeatPolicy every(Duration interval) {
        return new HeartbeatPolicy(interval, Duration.ofSeconds(Math.max(1, interval.toSeconds())).plusSeconds(4),
                "fs-hb-", OnMissed.REPORT);
    }

    public boolean enabled() {
        return !interval.isZero() && !interval.isNegative();
    }

    public HeartbeatPolicy withPongTimeout(Duration timeout) {
        return new HeartbeatPolicy(interval, timeout, payloadPrefix, onMissed);
    }

    public HeartbeatPolicy onMissed(OnMissed reaction) {
        return new HeartbeatPolicy(interval, pongTimeout, payloadPrefix, reaction);
    }
}
