package dev.framescope.capture;

import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.util.List;
import java.util.Optional;

/**
 * A plain frame's record in the {@link EventIndex} ({@link CaptureLog#appendPlainFrames}), and its frame and message
 * events built back from it, exactly as the general path would have recorded them. A record is the stamp's nanos,
 * the frame's stream offset, the payload's reference in the {@link PayloadStore} and a word: the payload length (low
 * 20 bits; a plain frame carries at most {@link dev.framescope.wire.StreamDissector#PLAIN_MAX_PAYLOAD}), the frame's
 * first byte, the MASK bit and the direction, with the masking key in the high 32 bits. The second header byte
 * follows from these: a plain frame's length is written minimally.
 */
final class PlainRecords {

    static final int W_LENGTH = (1 << 20) - 1;
    static final int W_B0_SHIFT = 20;
    static final int W_MASKED = 1 << 28;
    static final int W_OUT = 1 << 29;
    private static final Optional<Opcode> TEXT = Optional.of(Opcode.TEXT);
    private static final Optional<Opcode> BINARY = Optional.of(Opcode.BINARY);
    private static final byte[] NO_BYTES = new byte[0];

    private PlainRecords() {
    }

    static long word(int maskingKey, int flags) {
        return (long) maskingKey << 32 | flags & 0xFFFFFFFFL;
    }

    /** Record {@code i} of {@code r} as event {@code seq}, unbuilt (see {@link EventVisitor#plain}). */
    static void visit(EventIndex.Records r, int i, boolean message, int seq, EventVisitor visitor) {
        int flags = (int) r.word(i);
        visitor.plain(seq, message, r.nanos(i), (flags & W_OUT) != 0,
                (flags >>> W_B0_SHIFT & FrameHeader.B0_MASK_OPCODE) == Opcode.TEXT.code());
    }

    /** The frame or message event of record {@code i} of {@code r}, as event {@code index} of its connection. */
    static CaptureEvent expand(long connectionId, PayloadStore payloads, EventIndex.Records r, int i,
                               boolean messageEvent, int index) {
        long word = r.word(i);
        int flags = (int) word;
        boolean masked = (flags & W_MASKED) != 0;
        int key = masked ? (int) (word >>> 32) : 0;
        Stamp stamp = new Stamp(connectionId, index, r.nanos(i));
        Direction dir = (flags & W_OUT) != 0 ? Direction.OUT : Direction.IN;
        int b0 = flags >>> W_B0_SHIFT & 0xFF;
        Opcode opcode = Opcode.of(b0 & FrameHeader.B0_MASK_OPCODE);
        int length = flags & W_LENGTH;
        long offset = r.offset(i);
        Payload payload = payloads.packed(r.ref(i), length, key);
        if (messageEvent) {
            Message message = new Message(dir == Direction.IN ? Sender.SERVER : Sender.CLIENT, opcode, offset, 1,
                    length, false, length, NO_BYTES, List.of());
            return new CaptureEvent.MessageEvent(stamp, dir, message, payload);
        }
        FrameHeader header = new FrameHeader((b0 & FrameHeader.B0_FLAG_FIN) != 0, (b0 & FrameHeader.B0_FLAG_RSV1) != 0,
                (b0 & FrameHeader.B0_FLAG_RSV2) != 0, (b0 & FrameHeader.B0_FLAG_RSV3) != 0, opcode, masked, key, length,
                LengthEncoding.minimalFor(length), offset);
        return new CaptureEvent.FrameEvent(stamp, dir, header, 0, true, payload,
                opcode == Opcode.TEXT ? TEXT : BINARY, Optional.empty(), List.of());
    }
}
