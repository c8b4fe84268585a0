package dev.framescope.engine;

import dev.framescope.capture.HeartbeatStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * One ping storm: {@code count} pings with payloads {@code <prefix><i>}, each pong matched by the recorder; completes
 * with their round trips once every ping was answered or missed.
 */
final class PingStorm {

    /** What the storm needs from its connection. */
    interface Link {
        ConnectionRecorder recorder();

        /** Sends a ping; IllegalStateException or WebsocketNotConnectedException once the connection is gone. */
        void ping(byte[] payload);

        void schedule(Runnable task, long delayMillis);
    }

    final CompletableFuture<HeartbeatStats> result = new CompletableFuture<>();
    private final String prefix;
    private final int count;
    private final long pongTimeoutMillis;
    private final Link link;
    private final List<Long> rtts = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private int answered;
    private int missed;

    PingStorm(String prefix, int count, long pongTimeoutMillis, Link link) {
        this.prefix = prefix;
        this.count = count;
        this.pongTimeoutMillis = pongTimeoutMillis;
        this.link = link;
    }

    /** Sends the next ping; false once all were sent (or the connection is gone: the rest count as missed). */
    boolean sendNext() {
        int i = sent.incrementAndGet();
        if (i > count) {
            return false;
        }
        String payload = prefix + i;
        ConnectionRecorder r = link.recorder();
        r.pongFor(payload).thenAccept(this::answered);
        try {
            link.ping(payload.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException | WebsocketNotConnectedException e) {
            r.missed(payload);
            abandon();
            return false;
        }
        link.schedule(() -> r.missed(payload), pongTimeoutMillis);
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
