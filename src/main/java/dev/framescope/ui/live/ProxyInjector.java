package dev.framescope.ui.live;

import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;

/**
 * The composer's way into another app's WebSocket, one the intercepting proxy relays: a message, a ping or a close,
 * sent as if from one side. Both write to sockets: never on the FX thread.
 */
interface ProxyInjector {

    /**
     * Sends {@code payload} as one uncompressed {@code op} frame as if from {@code as} (masked toward the server);
     * a data message waits for a message boundary in that direction. False when that direction has ended.
     *
     * @throws IllegalStateException when the connection has ended
     */
    boolean inject(Sender as, Opcode op, byte[] payload);

    /**
     * A close frame with {@code code} and {@code reason} to each side; nothing more is forwarded.
     *
     * @throws IllegalStateException when the connection has ended
     */
    void close(int code, String reason);
}
