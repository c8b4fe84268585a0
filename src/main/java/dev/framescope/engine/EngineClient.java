package dev.framescope.engine;

import dev.framescope.engine.driver.ClientEvents;
import dev.framescope.engine.driver.ProtocolClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Java-WebSocket's client, driving the protocol over our tapped socket. What it reports is secondary: the recorder
 * already has the bytes. Its own keep-alive pings are off; our heartbeat decides when to ping.
 */
final class EngineClient extends WebSocketClient implements ProtocolClient {

    /** What the connection wants to hear from the library. */
    private final ClientEvents events;
    /** Data messages the library decoded itself: those the recorder did not spare it (see ConnectionRecorder). */
    private final AtomicLong libraryMessages = new AtomicLong();

    EngineClient(URI uri, Draft draft, Map<String, String> headers, int connectTimeoutMillis,
                 ClientEvents events) {
        super(uri, draft, headers, connectTimeoutMillis);
        this.events = events;
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
            events.failed(why);
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

    @Override
    public void sendText(String text) {
        send(text);
    }

    @Override
    public void sendBinary(byte[] data) {
        send(data);
    }

    @Override
    public void sendFragments(dev.framescope.wire.Opcode opcode, byte[] data, int fragments) {
        sendFragments(opcode == dev.framescope.wire.Opcode.TEXT ? org.java_websocket.enums.Opcode.TEXT
                : org.java_websocket.enums.Opcode.BINARY, data, fragments);
    }

    @Override
    public void ping(byte[] payload) {
        sendPing(payload);
    }

    @Override
    public void pong(byte[] payload) {
        sendPong(payload);
    }

    @Override
    public void sendRaw(byte[] frameBytes) {
        queueRaw(frameBytes);
    }

    @Override
    public void abort(String why) {
        closeConnection(org.java_websocket.framing.CloseFrame.ABNORMAL_CLOSE, why);
    }

    @Override
    public long messagesDecoded() {
        return libraryMessages();
    }

    /** Sends one message as {@code fragments} frames (RFC 6455 §5.4). */
    void sendFragments(org.java_websocket.enums.Opcode op, byte[] data, int fragments) {
        int n = Math.max(1, Math.min(fragments, Math.max(1, data.length)));
        int size = (data.length + n - 1) / n;
        for (int i = 0; i < n; i++) {
            int from = Math.min(data.length, i * size);
            int to = Math.min(data.length, from + size);
            sendFragmentedFrame(op, ByteBuffer.wrap(data, from, to - from), i == n - 1);
        }
    }

    void sendPing(byte[] payload) {
        PingFrame ping = new PingFrame();
        ping.setPayload(ByteBuffer.wrap(payload));
        sendFrame(ping);
    }

    void sendPong(byte[] payload) {
        PongFrame pong = new PongFrame();
        pong.setPayload(ByteBuffer.wrap(payload));
        sendFrame(pong);
    }

    /** A pong is still due while we are closing (RFC 6455 §5.5.2), so this asks the library, not our state. */
    @Override
    public void pongIfOpen(byte[] payload) {
        if (!isOpen()) {
            return;
        }
        try {
            sendPong(payload);
        } catch (WebsocketNotConnectedException e) {
            // closed meanwhile: nothing to answer any more
        }
    }

    long libraryMessages() {
        return libraryMessages.get();
    }

    /*
     * The two places that reach into the library's write queue (WebSocketImpl.outQueue, a public field). Its write
     * thread writes that queue's buffers to the socket in order; the library has no public way to queue bytes that
     * are not a frame it encoded itself, and none to flush the queue when it interrupts that thread at close.
     */

    /**
     * Queues bytes as they are, in order with the library's own frames: a crafted frame goes out after everything
     * sent before it. Writing to the socket directly could overtake frames still queued.
     */
    void queueRaw(byte[] frameBytes) {
        if (getConnection() instanceof WebSocketImpl impl) {
            impl.outQueue.add(ByteBuffer.wrap(frameBytes.clone()));
        }
    }

    /**
     * Writes what is still queued. Java-WebSocket's write thread, interrupted at close, can close the socket with
     * frames still queued (our close reply among them); the socket calls this first so the peer and the capture see
     * them.
     */
    void flushQueued(OutputStream out) throws IOException {
        if (!(getConnection() instanceof WebSocketImpl impl)) {
            return;
        }
        for (ByteBuffer b = impl.outQueue.poll(); b != null; b = impl.outQueue.poll()) {
            out.write(b.array(), b.arrayOffset(), b.limit());
        }
        out.flush();
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        events.closed(code, reason, remote);
    }

    @Override
    public void onError(Exception ex) {
        events.failed("Java-WebSocket: " + ex.getMessage());
    }
}
