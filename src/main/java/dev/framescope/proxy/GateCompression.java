package dev.framescope.proxy;

import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.MessageAssembler;
import dev.framescope.wire.NegotiatedDeflate;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link DirectionGate} knows of its sender's compression: how its dissector inflates, whether the sender
 * keeps its window between messages (context takeover), and whether, since an edit or a drop, its compressed
 * messages are re-sent uncompressed. The receiver's inflater follows the sender's compressor only while it gets the
 * sender's compressed messages unchanged: when a compressed message is edited or dropped and the sender keeps its
 * window, every later compressed message this way is re-sent inflated and uncompressed, which leaves the receiver's
 * window untouched from then on (RFC 7692 §6: RSV1 clear). Confined to the gate's lock.
 */
final class GateCompression {

    private final Sender from;
    private Optional<NegotiatedDeflate.Direction> deflate = Optional.empty();
    private Consumer<StreamDissector> inflation = d -> { };
    private boolean keepsContext;
    private boolean resend;

    GateCompression(Sender from) {
        this.from = from;
    }

    /** The handshake settled permessage-deflate for this sender. */
    void deflate(NegotiatedDeflate.Direction direction, long inflateLimit) {
        deflate = Optional.of(direction);
        keepsContext = direction.contextTakeover();
        inflation = d -> d.enableDeflate(direction.windowBits(), direction.contextTakeover(), inflateLimit);
    }

    /** A per-frame deflate extension was negotiated: edits go uncompressed (see docs/proxy.md). */
    void perFrameDeflate(boolean contextTakeover, long inflateLimit) {
        keepsContext = contextTakeover;
        inflation = d -> d.enablePerFrameDeflate(contextTakeover, inflateLimit);
    }

    /** {@code d} inflates as negotiated from here on. */
    void enable(StreamDissector d) {
        inflation.accept(d);
    }

    /** A dissector of the stream from {@code offset} on, at a message boundary, inflating as negotiated. */
    StreamDissector dissector(long offset) {
        StreamDissector d = new StreamDissector(from, DecoderOptions.defaults().withStartOffset(offset),
                MessageAssembler.DEFAULT_RETAINED_BYTES);
        inflation.accept(d);
        return d;
    }

    /** Whether a compressed message's inflation depends on the ones before it. */
    boolean keepsContext() {
        return keepsContext;
    }

    /** Whether compressed messages go inflated and uncompressed since an edit or a drop ({@link #diverged}). */
    boolean resend() {
        return resend;
    }

    /**
     * After {@code h} was edited or dropped: true the first time the receiver's inflater stops following the
     * sender's compressor (a compressed message with context takeover), from when on compressed messages are
     * re-sent.
     */
    boolean diverged(HeldMessage h) {
        if (h.compressed() && keepsContext && !resend) {
            resend = true;
            return true;
        }
        return false;
    }

    /** The edit of {@code h} as one frame: compressed afresh when {@code h} was compressed, else uncompressed. */
    Reframer.Framed reframe(HeldMessage h, byte[] replacement) {
        return h.compressed() && deflate.isPresent()
                ? Reframer.compressedFresh(from, h.opcode(), replacement, deflate.get())
                : Reframer.uncompressed(from, h.opcode(), replacement);
    }
}
