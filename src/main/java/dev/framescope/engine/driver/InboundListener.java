package dev.framescope.engine.driver;

import dev.framescope.wire.Dissected;
import dev.framescope.wire.HandshakeResult;
import java.util.Optional;

/**
 * What the dissector made of the server's bytes, handed to the driver in stream order on the read thread, after the
 * capture has it: the driver acts on exactly what the capture shows. Plain frames (the fast path) are not handed
 * over: they are whole, valid data messages that ask nothing of a client.
 */
public interface InboundListener {

    /**
     * The server's response head, checked by {@code HandshakeChecker} against our request.
     *
     * @param status the status code, or -1 when the head is not HTTP
     * @param reason the reason phrase
     * @param result the checked handshake; empty when the head is not HTTP
     * @param bodyToCome body bytes its {@code Content-Length} announces that have not arrived with the head (0 when
     *                   none or not announced): a refused upgrade's body is read and captured before we hang up
     */
    void upgradeResponse(int status, String reason, Optional<HandshakeResult> result, long bodyToCome);

    /** A frame (or chunk of a large one) of the general path, with its findings. */
    void frame(Dissected.FrameItem item);

    /** A data message completed on the general path. */
    void message(Dissected.MessageItem item);

    InboundListener NONE = new InboundListener() {
        @Override
        public void upgradeResponse(int status, String reason, Optional<HandshakeResult> result, long bodyToCome) {
        }

        @Override
        public void frame(Dissected.FrameItem item) {
        }

        @Override
        public void message(Dissected.MessageItem item) {
        }
    };
}
