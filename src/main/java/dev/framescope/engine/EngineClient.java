package dev.framescope.engine;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.framing.Framedata;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Java-WebSocket's client, driving the protocol over our tapped socket. What it reports is secondary: the recorder
 * already has the bytes. Its own keep-alive pings are off; our heartbeat decides when to ping.
 */
final class EngineClient extends WebSocketClient {

    /** What the connection wants to hear from the library. */
    interface Events {
        void opened();

        void closed(int code, String reason, boolean remote);

        void failed(Exception e);

        /** The library's read loop died of {@code why}; the connection is being dropped. */
        void fatal(String why);

        /** The server pinged; answering is up to the connection's pong mode (called on the read thread). */
        void pinged(byte[] payload);
    }

    private final Events events;
    private final Consumer<String> notes;
    /** Data messages the library decoded itself: those the recorder did not spare it (see ConnectionRecorder). */
    private final java.util.concurrent.atomic.AtomicLong libraryMessages = new java.util.concurrent.atomic.AtomicLong();

    EngineClient(URI uri, Draft draft, Map<String, String> headers, int connectTimeoutMillis, Events events,
                 Consumer<String> notes) {
        super(uri, draft, headers, connectTimeoutMillis);
        this.events = events;
        this.notes = notes;
        setConnectionLostTimeout(0);
        // run() applies this to the socket, undoing Connector's TCP_NODELAY: with Nagle, a ping written while an
        // earlier one is unacknowledged waits in the kernel, and the RTTs of a ping storm measure the interval.
        setTcpNoDelay(true);
    }

    /**
     * Java-WebSocket's read loop. The library buffers every incoming frame whole (twice while it completes one), so a
     * huge frame can exhaust the heap; the library lets that error kill its thread and the connection would then hang
     * forever. Here it ends the connection as abnormal instead, with the reason; the capture already holds every byte
     * the tap saw.
     */
    @Override
    public void run() {
        try {
            super.run();
        } catch (OutOfMemoryError e) {
            String why = "out of memory: Java-WebSocket buffers each incoming frame whole and the heap (max "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB) could not hold this one; the connection "
                    + "was dropped, everything received until then is in the capture";
            events.fatal(why);
            getConnection().closeConnection(org.java_websocket.framing.CloseFrame.ABNORMAL_CLOSE, why);
        }
    }

    /**
     * Replaces the library's automatic pong ({@code WebSocketAdapter.onWebsocketPing} answers at once with the ping's
     * data) so the pong mode can answer late, differently or not at all.
     */
    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        ByteBuffer data = f.getPayloadData().duplicate();
        byte[] payload = new byte[data.remaining()];
        data.get(payload);
        events.pinged(payload);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        events.opened();
    }

    @Override
    public void onMessage(String message) {
        // The recorder has it from the wire.
        libraryMessages.incrementAndGet();
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        // The recorder has it from the wire.
        libraryMessages.incrementAndGet();
    }

    long libraryMessages() {
        return libraryMessages.get();
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        events.closed(code, reason, remote);
    }

    @Override
    public void onError(Exception ex) {
        notes.accept("Java-WebSocket: " + ex.getMessage());
        events.failed(ex);
    }
}
