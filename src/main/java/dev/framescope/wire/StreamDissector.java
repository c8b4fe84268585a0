package dev.framescope.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything Framescope knows how to say about one direction of a WebSocket connection, from its bytes: a
 * {@link FrameDecoder} for frames, a {@link MessageAssembler} for messages, and an inflater once permessage-deflate
 * is negotiated. Byte-fed, single-threaded, deterministic; never throws on hostile input.
 */
public final class StreamDissector {

    /** Inflated bytes allowed per message by default before {@link Violation#INFLATE_LIMIT_EXCEEDED}. */
    public static final long DEFAULT_INFLATE_LIMIT = 64L * 1024 * 1024;

    /** The most payload a {@linkplain #plainFrameAt plain frame} carries; larger frames take the general path. */
    public static final int PLAIN_MAX_PAYLOAD = 256 * 1024;

    private final Sender sender;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private final Utf8Validator plainText = new Utf8Validator();

    public StreamDissector(Sender sender) {
        this(sender, DecoderOptions.defaults(), MessageAssembler.DEFAULT_RETAINED_BYTES);
    }

    public StreamDissector(Sender sender, DecoderOptions options, int maxRetainedMessageBytes) {
        this.sender = sender;
        this.decoder = new FrameDecoder(sender, options);
        this.assembler = new MessageAssembler(sender, maxRetainedMessageBytes);
    }

    public Sender sender() {
        return sender;
    }

    /**
     * Permessage-deflate was negotiated: RSV1 becomes legal on first frames and marks compressed messages.
     *
     * @param windowBits     the LZ77 window of this direction's compressor (8-15)
     * @param contextTakeover whether this direction's sender keeps its window between messages
     * @param inflateLimit   inflated bytes allowed per message
     */
    public void enableDeflate(int windowBits, boolean contextTakeover, long inflateLimit) {
        decoder.setAllowedRsvBits(FrameHeader.B0_FLAG_RSV1);
        assembler.useInflater(new MessageInflater(windowBits, contextTakeover, inflateLimit));
    }

    /**
     * A per-frame deflate extension ({@code x-webkit-deflate-frame} / {@code deflate-frame}) was negotiated: RSV1
     * marks each compressed frame, each inflated on its own (with the sender's window kept unless
     * {@code contextTakeover} is false).
     */
    public void enablePerFrameDeflate(boolean contextTakeover, long inflateLimit) {
        decoder.setAllowedRsvBits(FrameHeader.B0_FLAG_RSV1);
        decoder.setRsv1OnContinuationAllowed(true);
        assembler.usePerFrameInflater(new MessageInflater(15, contextTakeover, inflateLimit));
    }

    public List<Dissected> feed(byte[] bytes) {
        return feed(ByteBuffer.wrap(bytes));
    }

    public List<Dissected> feed(byte[] bytes, int offset, int length) {
        return feed(ByteBuffer.wrap(bytes, offset, length));
    }

    public List<Dissected> feed(ByteBuffer in) {
        List<Dissected> out = new ArrayList<>();
        Optional<Frame> next;
        while ((next = decoder.next(in)).isPresent()) {
            dissect(next.get(), out);
        }
        return out;
    }

    /**
     * Dissects the next frame (or chunk) only; false when {@code in} ran out first. Lets a caller alternate with
     * the {@linkplain #plainFrameAt plain-frame} fast path.
     */
    public boolean feedOne(ByteBuffer in, List<Dissected> out) {
        Optional<Frame> next = decoder.next(in);
        next.ifPresent(f -> dissect(f, out));
        return next.isPresent();
    }

    /**
     * The fast path for the common case: whether the bytes at {@code in}'s position hold a whole server frame that
     * breaks no rule and is a message on its own — FIN set, no RSV bit, TEXT in valid UTF-8 or BINARY, unmasked,
     * its length written minimally, at most {@link #PLAIN_MAX_PAYLOAD} bytes — arriving with no fragmented message
     * in progress and before any close frame. Then {@link #feed} would report it as a frame without findings and a
     * one-frame message without findings, uncompressed, and nothing else; a caller may record it itself and call
     * {@link #skipPlainFrame}, which leaves this dissector exactly as feed would have.
     *
     * @return {@code headerBytes << 32 | payloadLength} for such a frame, -1 otherwise; {@code in} is not moved
     */
    public long plainFrameAt(ByteBuffer in) {
        long plain = plainHeader(in);
        if (plain < 0 || in.remaining() - (plain >>> 32) < (int) plain) {
            return -1;
        }
        int pos = in.position();
        if ((in.get(pos) & FrameHeader.B0_MASK_OPCODE) == Opcode.TEXT.code()
                && !validUtf8(in.array(), in.arrayOffset() + pos + (int) (plain >>> 32), (int) plain)) {
            return -1;
        }
        return plain;
    }

    /**
     * Whether {@code in} ends inside a frame that may prove {@linkplain #plainFrameAt plain} once whole: a caller
     * may then keep these bytes and offer them again with what follows, instead of feeding them.
     */
    public boolean plainFrameUnfinished(ByteBuffer in) {
        long plain = plainHeader(in);
        return plain == UNFINISHED_HEADER || plain >= 0 && in.remaining() - (plain >>> 32) < (int) plain;
    }

    private static final long NOT_PLAIN = -1;
    private static final long UNFINISHED_HEADER = -2;

    /**
     * {@code headerBytes << 32 | payloadLength} when the header at {@code in}'s position (and the dissector's state)
     * allow a plain frame, whether or not its payload is all there; {@link #UNFINISHED_HEADER} when the header is
     * cut short but its first bytes allow one; {@link #NOT_PLAIN} otherwise.
     */
    private long plainHeader(ByteBuffer in) {
        int remaining = in.remaining();
        if (remaining < 1 || sender != Sender.SERVER || !in.hasArray() || !decoder.atFrameBoundary()
                || !assembler.idle()) {
            return NOT_PLAIN;
        }
        int pos = in.position();
        int b0 = in.get(pos) & 0xFF;
        if (b0 != (FrameHeader.B0_FLAG_FIN | Opcode.TEXT.code()) && b0 != (FrameHeader.B0_FLAG_FIN | Opcode.BINARY.code())) {
            return NOT_PLAIN;
        }
        if (remaining < 2) {
            return UNFINISHED_HEADER;
        }
        int b1 = in.get(pos + 1) & 0xFF;
        if ((b1 & FrameHeader.B1_FLAG_MASK) != 0) {
            return NOT_PLAIN;
        }
        int header;
        long length;
        if (b1 < FrameHeader.LENGTH_16_MARKER) {
            header = 2;
            length = b1;
        } else if (b1 == FrameHeader.LENGTH_16_MARKER) {
            header = 4;
            if (remaining < header) {
                return UNFINISHED_HEADER;
            }
            length = in.getShort(pos + 2) & 0xFFFF;
            if (length < FrameHeader.LENGTH_16_MARKER) {
                return NOT_PLAIN;
            }
        } else {
            header = 10;
            if (remaining < header) {
                return UNFINISHED_HEADER;
            }
            length = in.getLong(pos + 2);
            if (length <= 0xFFFF) {
                return NOT_PLAIN;
            }
        }
        if (length > PLAIN_MAX_PAYLOAD || length > decoder.maxChunkBytes() || length > assembler.maxRetainedBytes()) {
            return NOT_PLAIN;
        }
        return (long) header << 32 | length;
    }

    /** Accounts for the frame {@link #plainFrameAt} accepted, which the caller recorded; moves nothing in a buffer. */
    public void skipPlainFrame(long plain) {
        decoder.skipWholeFrame((int) (plain >>> 32) + (int) plain);
    }

    private boolean validUtf8(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) {
            return true;
        }
        plainText.reset();
        return plainText.feed(bytes, i, end - i) && plainText.isCompleteAndValid();
    }

    private void dissect(Frame frame, List<Dissected> out) {
        Optional<Opcode> messageOpcode = messageOpcodeOf(frame.header().opcode());
        MessageAssembler.Step step = assembler.accept(frame);
        List<Finding> findings = frame.findings();
        if (!step.findings().isEmpty()) {
            findings = new ArrayList<>(frame.findings());
            findings.addAll(step.findings());
        }
        out.add(new Dissected.FrameItem(frame, messageOpcode, step.inflated(), findings));
        step.message().ifPresent(m -> out.add(new Dissected.MessageItem(m)));
    }

    /** Shared: every captured frame keeps its message opcode, so one object per frame would add up. */
    private static final Optional<Opcode> TEXT = Optional.of(Opcode.TEXT);
    private static final Optional<Opcode> BINARY = Optional.of(Opcode.BINARY);

    private Optional<Opcode> messageOpcodeOf(Opcode opcode) {
        if (opcode == Opcode.TEXT) {
            return TEXT;
        }
        if (opcode == Opcode.BINARY) {
            return BINARY;
        }
        if (opcode.isData()) {
            return Optional.of(opcode);
        }
        Optional<Opcode> current = opcode == Opcode.CONTINUATION ? assembler.currentOpcode() : Optional.empty();
        return current.isPresent() ? messageOpcodeOf(current.get()) : current;
    }

    /** The stream ended (connection closed): findings for a frame or message left unfinished. */
    public List<Finding> endOfStream() {
        return decoder.endOfStream();
    }

    /** Bytes consumed so far. */
    public long streamOffset() {
        return decoder.streamOffset();
    }

    public FrameDecoder decoder() {
        return decoder;
    }
}
