package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.ui.fx.PulseListener;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Engine.IO (under Socket.IO) keeps its own heartbeat in text messages: in protocol v4 the server sends {@code 2}
 * and drops a client that does not answer {@code 3} within pingTimeout. A plain WebSocket client knows nothing of
 * it, so once a connection's first message is an Engine.IO open packet ({@code 0{"sid":…,"pingInterval":…}}) the
 * window offers to answer for the user; answering connections get a {@code 3} for every {@code 2}.
 */
final class EngineIoPongs implements PulseListener {

    private static final int MAX_PER_PULSE = 4_000;

    private final List<LiveConnection> connections;
    private final BiConsumer<LiveConnection, Runnable> offer;
    /** Per connection: how far its log was read, and whether we answer its pings. */
    private final Map<CaptureLog, Watch> watched = new IdentityHashMap<>();

    private static final class Watch {
        int next;
        boolean engineIo;
        /** The server's first text message has been looked at: Engine.IO or not is known. */
        boolean decided;
        boolean offered;
        boolean answering;
    }

    /**
     * @param connections the session's connections
     * @param offer       called once per connection recognised as Engine.IO, with what answering its pings takes
     */
    /** Offers in the notification strip to answer a connection's Engine.IO pings. */
    static EngineIoPongs offeredIn(List<LiveConnection> connections, NotificationStrip notifications) {
        return new EngineIoPongs(connections, (c, answer) -> notifications.offer(c, "This server speaks Engine.IO "
                + "(Socket.IO): it pings with '2' and drops clients that do not answer '3' in time.",
                "Answer its pings", answer));
    }

    EngineIoPongs(List<LiveConnection> connections, BiConsumer<LiveConnection, Runnable> offer) {
        this.connections = connections;
        this.offer = offer;
    }

    /** Answers this connection's Engine.IO pings from now on. */
    void answer(LiveConnection c) {
        watched.computeIfAbsent(c.log(), k -> new Watch()).answering = true;
    }

    boolean answering(LiveConnection c) {
        return Optional.ofNullable(watched.get(c.log())).map(w -> w.answering).orElse(false);
    }

    @Override
    public void onPulse(long nowNanos) {
        for (LiveConnection c : List.copyOf(connections)) {
            if (c.connection().isPresent()) {
                read(c, watched.computeIfAbsent(c.log(), k -> new Watch()));
            }
        }
    }

    /**
     * Reads what the connection captured since the last pulse, as long as it matters: a connection whose first server
     * text message is not an open packet is not Engine.IO and is read no further (a ticker at 50,000 messages/s was
     * decoded message by message on the FX thread); an Engine.IO one has only its one-byte messages decoded.
     */
    private void read(LiveConnection c, Watch w) {
        if (w.decided && !w.engineIo && !w.answering) {
            return;
        }
        List<CaptureEvent> batch = c.log().readFrom(w.next, MAX_PER_PULSE);
        w.next += batch.size();
        for (CaptureEvent e : batch) {
            if (!(e instanceof CaptureEvent.MessageEvent m) || m.dir() != Direction.IN || !m.header().isText()) {
                continue;
            }
            if (!w.decided) {
                w.decided = true;
                w.engineIo = isOpenPacket(new String(m.payload().bytes(), StandardCharsets.UTF_8));
                continue;
            }
            if (w.answering && m.header().length() == 1 && m.payload().bytes()[0] == '2') {
                c.connection().filter(conn -> !conn.ended()).ifPresent(conn -> {
                    try {
                        conn.sendText("3");
                    } catch (IllegalStateException closing) {
                        // Closed since the ping arrived: nothing to keep alive.
                    }
                });
            }
        }
        if (w.engineIo && !w.offered && !w.answering) {
            w.offered = true;
            offer.accept(c, () -> answer(c));
        }
    }

    /** Engine.IO v4's open packet: type 0 and a JSON object with the session id and the ping interval. */
    static boolean isOpenPacket(String text) {
        return text.startsWith("0{") && text.contains("\"sid\"") && text.contains("\"pingInterval\"");
    }
}
