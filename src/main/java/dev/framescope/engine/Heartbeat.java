package dev.framescope.engine;

import dev.framescope.capture.ConnectionState;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.framing.CloseFrame;

/**
 * Our heartbeat: a ping every {@link HeartbeatPolicy#interval()} while the connection is open and no idle probe
 * runs, payloads {@code <prefix><n>}; a pong that does not come within the pong timeout is recorded as missed and
 * handled as {@link HeartbeatPolicy#onMissed()} says. Runs on the engine's timer; the pong itself is matched by the
 * recorder from the tap.
 */
final class Heartbeat {

    private final Connection connection;
    private final HeartbeatPolicy policy;
    private final ConnectionTimers timers;
    private final AtomicLong pings = new AtomicLong();

    Heartbeat(Connection connection, HeartbeatPolicy policy, ConnectionTimers timers) {
        this.connection = connection;
        this.policy = policy;
        this.timers = timers;
    }

    /** The connection opened: pings start one interval from now. */
    void start() {
        if (policy.enabled()) {
            timers.every(policy.interval(), policy.interval(), () -> {
                beat();
                return true;
            });
        }
    }

    private void beat() {
        if (connection.state() != ConnectionState.OPEN || connection.probingIdle()) {
            return;
        }
        PingPayload payload = PingPayload.utf8(policy.payloadPrefix() + pings.incrementAndGet());
        try {
            connection.ping(payload.bytes());
        } catch (IllegalStateException e) {
            return;
        }
        ConnectionRecorder r = connection.recorder();
        timers.after(policy.pongTimeout(), () -> {
            if (r.awaitingPong(payload)) {
                r.missed(payload);
                react();
            }
        });
    }

    /** During an idle probe a missed pong is only reported: closing would end what the probe measures. */
    private void react() {
        switch (connection.probingIdle() ? HeartbeatPolicy.OnMissed.REPORT : policy.onMissed()) {
            case CLOSE -> connection.close(CloseFrame.GOING_AWAY, "heartbeat: no pong within "
                    + policy.pongTimeout().toMillis() + " ms");
            case RECONNECT -> connection.drop("heartbeat: pong missed");
            default -> { }
        }
    }
}
