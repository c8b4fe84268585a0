package dev.framescope.engine;

import dev.framescope.capture.HeartbeatStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * One ping storm: {@code count} pings with payloads {@code <prefix><i>}, each pong matched by the recorder; completes
 * with their round trips once every ping was answered or missed. {@link #sendNext} runs on the engine's timer; the
 * answers arrive on the read thread (or the timer, for misses) and are counted under this object's lock.
 */
final class PingStorm {

    final CompletableFuture<HeartbeatStats> result = new CompletableFuture<>();
    private final String prefix;
    private final int count;
    private final Duration pongTimeout;
    private final Connection connection;
    private final ConnectionTimers timers;
    private final List<Long> rtts = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private int answered;
    private int missed;

    PingStorm(String prefix, int count, Duration pongTimeout, Connection connection, ConnectionTimers timers) {
        this.prefix = prefix;
        this.count = count;
        this.pongTimeout = pongTimeout;
        this.connection = connection;
        this.timers = timers;
    }

    /** Sends the next ping; false once all were sent (or the connection is gone: the rest count as missed). */
    boolean sendNext() {
        int i = sent.incrementAndGet();
        if (i > count) {
            return false;
        }
        PingPayload payload = PingPayload.utf8(prefix + i);
        ConnectionRecorder r = connection.recorder();
        r.pongFor(payload).thenAccept(this::answered);
        try {
            connection.ping(payload.bytes());
        } catch (IllegalStateException | WebsocketNotConnectedException e) {
            r.missed(payload);
            abandon();
            return false;
        }
        timers.after(pongTimeout, () -> r.missed(payload));
        return i < count;
    }

    /** The connection is gone: pings not sent yet count as missed. */
    void abandon() {
        int from = sent.getAndSet(Integer.MAX_VALUE / 2);
        for (int k = Math.min(from, count) + 1; k <= count; k++) {
            answered(OptionalLong.empty());
        }
    }

    private synchronized void answered(OptionalLong rtt) {
        rtt.ifPresentOrElse(rtts::add, () -> missed++);
        answered++;
        if (answered == count) {
            result.complete(HeartbeatStats.of(rtts, missed));
        }
    }
}
