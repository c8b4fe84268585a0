package dev.framescope.engine;

import dev.framescope.capture.HeartbeatStats;
import dev.framescope.wire.Severity;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The ping storms of one connection: starts them on the engine's timer, and abandons those running at its end. */
final class PingStorms {

    private final Connection connection;
    private final ConnectionTimers timers;
    private final AtomicLong started = new AtomicLong();
    private final Set<PingStorm> active = ConcurrentHashMap.newKeySet();

    PingStorms(Connection connection, ConnectionTimers timers) {
        this.connection = connection;
        this.timers = timers;
    }

    /** See {@link Connection#pingStorm}. */
    CompletableFuture<HeartbeatStats> start(int count, Duration interval, Duration pongTimeout) {
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("a ping storm sends 1 to 100000 pings, not " + count);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("a ping storm's interval cannot be negative: " + interval.toMillis()
                    + " ms");
        }
        if (connection.probingIdle()) {
            throw new IllegalStateException("an idle probe is running on this connection; a ping storm would end "
                    + "its idleness");
        }
        PingStorm storm = new PingStorm("fs-storm-" + started.incrementAndGet() + "-", count, pongTimeout, connection,
                timers);
        active.add(storm);
        ConnectionRecorder r = connection.recorder();
        storm.result.thenAccept(stats -> {
            active.remove(storm);
            r.note(Severity.INFO, "ping storm done: " + stats.describe());
        });
        r.note(Severity.INFO, "ping storm: " + count + " pings every " + interval.toMillis() + " ms");
        if (interval.isZero()) {
            timers.after(Duration.ZERO, () -> {
                while (storm.sendNext()) {
                    // back to back
                }
            });
        } else {
            timers.every(Duration.ZERO, interval, storm::sendNext);
        }
        return storm.result;
    }

    /** The connection ended: pings not sent yet count as missed. */
    void abandonAll() {
        active.forEach(PingStorm::abandon);
    }
}
