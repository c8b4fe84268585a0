package dev.framescope.engine.driver;

import dev.framescope.wire.Opcode;

/**
 * The client side of one connection as the engine's {@code Connection} drives it: our {@link ClientDriver}, or
 * Java-WebSocket's client when {@code EngineSettings.strictOnLibrary} asks for it. Every method returns at once;
 * bytes go out in call order.
 */
public interface ProtocolClient {

    void sendText(String text);

    void sendBinary(byte[] data);

    /** One message as {@code fragments} frames (RFC 6455 §5.4). */
    void sendFragments(Opcode opcode, byte[] data, int fragments);

    void ping(byte[] payload);

    void pong(byte[] payload);

    /**
     * Bytes as they are, in order with the frames sent before them: crafted frames for probing a server. They may
     * follow our close frame: what a server does with data after a close is worth probing.
     */
    void sendRaw(byte[] frameBytes);

    /**
     * A crafted close frame of ours, sent as it is but counted as our close frame (RFC 6455 §7.1.2), so the server's
     * close is taken as the answer and not answered again. {@code code} is what it carries, -1 for none.
     */
    default void closeRaw(byte[] frameBytes, int code, String reason) {
        sendRaw(frameBytes);
    }

    /** Waits up to {@code millis} until everything queued has been written to the socket; false if not. */
    default boolean awaitWritten(long millis) {
        return true;
    }

    /** Starts the close handshake (RFC 6455 §7.1.2) while open; before the upgrade completes, gives it up. */
    void close(int code, String reason);

    /** Drops TCP now, without (more of) a close handshake. */
    void abort(String why);

    /** Answers a ping unless we have sent our close frame or the connection is gone (a pong may come late). */
    void pongIfOpen(byte[] payload);

    /** Data messages the client decoded itself (the plain-frame fast path spares it most); for tests. */
    long messagesDecoded();
}
