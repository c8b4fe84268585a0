package dev.framescope.engine;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;
import org.java_websocket.drafts.Draft;
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
    }

    private final Events events;
    private final Consumer<String> notes;

    EngineClient(URI uri, Draft draft, Map<String, String> headers, int connectTimeoutMillis, Events events,
                 Consumer<String> notes) {
        super(uri, draft, headers, connectTimeoutMillis);
        this.events = events;
        this.notes = notes;
        setConnectionLostTimeout(0);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        events.opened();
    }

    @Override
    public void onMessage(String message) {
        // The recorder has it from the wire.
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        // The recorder has it from the wire.
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
