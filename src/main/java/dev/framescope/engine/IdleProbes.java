package dev.framescope.engine;

import dev.framescope.capture.ConnectionState;
import dev.framescope.wire.Severity;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The idle-timeout probe of one connection, at most one at a time: starts it, ends it at its limit (still open) or
 * when the connection ends, and notes the result in the log. The running probe is guarded by this object's lock;
 * the result is completed outside it.
 */
final class IdleProbes {

    private final Connection connection;
    private final ConnectionTimers timers;
    private Optional<IdleProbe> running = Optional.empty();

    IdleProbes(Connection connection, ConnectionTimers timers) {
        this.connection = connection;
        this.timers = timers;
    }

    synchronized boolean running() {
        return running.isPresent();
    }

    /** See {@link Connection#probeIdle}. */
    CompletableFuture<IdleProbeResult> start(Duration limit, PongMode pong) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("an idle probe needs a positive limit, not " + limit.toMillis() + " ms");
        }
        ConnectionRecorder recorder = connection.recorder();
        IdleProbe p;
        synchronized (this) {
            if (running.isPresent()) {
                throw new IllegalStateException("an idle probe is already running on this connection");
            }
            p = new IdleProbe(limit, connection.log(), recorder.lastOutboundNanos(), timers.now());
            running = Optional.of(p);
        }
        recorder.note(Severity.INFO, "idle probe: our pings stop for up to " + String.format(Locale.ROOT, "%.1f",
                limit.toMillis() / 1000.0) + " s; server pings " + (pong instanceof PongMode.Off
                ? "are not answered (pong mode off)" : "are still answered (pong mode " + pong.spelling() + ")"));
        timers.after(limit, () -> {
            if (isRunning(p) && connection.state() == ConnectionState.OPEN) {
                finish(p, p.stillOpen(connection.log(), timers.now()));
            }
        });
        return p.result;
    }

    /** The connection ended: a running probe reports how. */
    void connectionEnded(ConnectionRecorder recorder) {
        Optional<IdleProbe> p;
        synchronized (this) {
            p = running;
        }
        p.ifPresent(probe -> finish(probe, probe.ended(connection.log(), recorder.readError(), timers.now())));
    }

    private synchronized boolean isRunning(IdleProbe p) {
        return running.filter(x -> x == p).isPresent();
    }

    private void finish(IdleProbe p, IdleProbeResult result) {
        synchronized (this) {
            if (!isRunning(p)) {
                return;
            }
            running = Optional.empty();
        }
        connection.recorder().note(Severity.INFO, "idle probe: " + result.describe());
        p.result.complete(result);
    }
}
