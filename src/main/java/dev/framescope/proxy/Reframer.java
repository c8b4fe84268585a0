package dev.framescope.proxy;

import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.MessageDeflater;
import dev.framescope.wire.NegotiatedDeflate;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.util.Optional;

/**
 * Frames a message the proxy writes itself — an edited one, an injected one, or one it must re-send uncompressed —
 * as {@code from} would: one frame, FIN set; toward the server masked with a fresh key from {@code SecureRandom}
 * (RFC 6455 §5.3), toward the app unmasked.
 *
 * <p>Compression (RFC 7692): only an edit of a message that arrived compressed is compressed, with a fresh
 * compressor and nothing carried over ({@code compressedFresh}): a fresh stream refers back to nothing the receiver
 * might not have, so it inflates correctly whatever the receiver's window holds. Everything else goes uncompressed
 * (RSV1 clear), which §6 allows for any message and which leaves the receiver's inflater window untouched.
 */
final class Reframer {

    private Reframer() {
    }

    /**
     * What was written and how, for the capture.
     *
     * @param wirePayload the payload as written, unmasked (compressed when {@code compressed})
     */
    record Framed(FrameHeader header, byte[] bytes, byte[] wirePayload, boolean compressed) {
    }

    static Framed uncompressed(Sender from, Opcode op, byte[] payload) {
        return framed(encoder(from, op, payload), payload, false);
    }

    private static Framed framed(FrameEncoder e, byte[] wirePayload, boolean compressed) {
        FrameHeader h = e.header();
        return new Framed(h, e.encode(), wirePayload, compressed);
    }

    /** Compressed with a fresh compressor for {@code direction}'s window; uncompressed when it must go so. */
    static Framed compressedFresh(Sender from, Opcode op, byte[] payload, NegotiatedDeflate.Direction direction) {
        try (MessageDeflater deflater = new MessageDeflater(direction.windowBits(), false)) {
            Optional<byte[]> deflated = deflater.deflate(payload);
            if (deflated.isEmpty()) {
                return uncompressed(from, op, payload);
            }
            return framed(encoder(from, op, deflated.get()).rsv1(true), deflated.get(), true);
        }
    }

    private static FrameEncoder encoder(Sender from, Opcode op, byte[] payload) {
        FrameEncoder e = FrameEncoder.frame(op).payload(payload);
        return from == Sender.CLIENT ? e.masked() : e.unmasked();
    }
}
