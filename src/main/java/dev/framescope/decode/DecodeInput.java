package dev.framescope.decode;

import java.util.Optional;

/**
 * What a decoder sees: the payload bytes, whether the frame was a text frame (opcode 0x1, or a message that began
 * with one), and the subprotocol the handshake negotiated, if any.
 */
public record DecodeInput(byte[] bytes, boolean text, Optional<String> subprotocol) {

    public static DecodeInput of(byte[] bytes, boolean text) {
        return new DecodeInput(bytes, text, Optional.empty());
    }
}
