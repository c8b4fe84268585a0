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
        assembler.useInflater(new MessageInflater(windowBits, contextTakeover, inflateLimit, true));
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
     * the {@linkplain #takePlainFrames plain-frame} fast path.
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
     * one-frame message without findings, uncompressed, and nothing else. {@code in} is not moved.
     */
    public boolean plainFrameAt(ByteBuffer in) {
        return plainHeader(in, Sender.SERVER) == Verdict.PLAIN && payloadPlain(in);
    }

    /**
     * Takes every {@linkplain #plainFrameAt plain frame} at {@code in}'s position, back to back, into {@code run}
     * (cleared first) for the caller to record itself, and moves {@code in} past them; this dissector is left exactly
     * as {@link #feed} would have left it.
     *
     * @return the bytes taken (0 when the next frame is not plain)
     */
    public int takePlainFrames(ByteBuffer in, PlainFrames run) {
        return take(in, run, Sender.SERVER);
    }

    /**
     * The same fast path for a client's frames, for a caller that copies each payload out unmasked
     * ({@link PlainFrames#copyPayload}) rather than recording the bytes as they lie: a frame is plain on the same
     * terms as a server's, except that it is masked, as RFC 6455 §5.1 requires of a client.
     *
     * @return the bytes taken (0 when the next frame is not plain, or this dissector reads a server)
     */
    public int takeMaskedPlainFrames(ByteBuffer in, PlainFrames run) {
        return take(in, run, Sender.CLIENT);
    }

    /**
     * The run of plain frames at {@code in}'s position, read straight from the array: the same tests as
     * {@link #plainHeader} and {@link #payloadPlain} (which {@link #plainFrameAt} and {@link #plainFrameUnfinished}
     * use), with the dissector's state checked once for the run — taking a plain frame leaves it at a frame
     * boundary with no message open — and the decoder moved past the run once.
     */
    private int take(ByteBuffer in, PlainFrames run, Sender from) {
        run.clear(sender, in.hasArray() ? in.array() : NO_BYTES);
        if (sender != from || !in.hasArray() || !decoder.atFrameBoundary() || !assembler.idle()) {
            return 0;
        }
        byte[] a = in.array();
        int base = in.arrayOffset();
        int first = base + in.position();
        int end = base + in.limit();
        long firstOffset = decoder.streamOffset();
        boolean masked = from == Sender.CLIENT;
        long maxLength = Math.min(PLAIN_MAX_PAYLOAD, Math.min(decoder.maxChunkBytes(), assembler.maxRetainedBytes()));
        int p = first;
        while (end - p >= FrameHeaders.FIXED_BYTES) {
            int b0 = a[p] & 0xFF;
            int b1 = a[p + 1] & 0xFF;
            boolean text = b0 == (FrameHeader.B0_FLAG_FIN | Opcode.TEXT.code());
            if (!text && b0 != (FrameHeader.B0_FLAG_FIN | Opcode.BINARY.code())
                    || ((b1 & FrameHeader.B1_FLAG_MASK) != 0) != masked) {
                break;
            }
            int header = FrameHeaders.size(b1);
            if (end - p < header) {
                break;
            }
            long length = switch (b1 & FrameHeader.B1_MASK_LENGTH) {
                case FrameHeader.LENGTH_16_MARKER -> (a[p + 2] & 0xFF) << 8 | a[p + 3] & 0xFF;
                case FrameHeader.LENGTH_64_MARKER -> (long) LONG.get(a, p + 2);
                default -> b1 & FrameHeader.B1_MASK_LENGTH;
            };
            if (length < 0 || length > maxLength || end - p - header < length
                    || FrameHeaders.encoding(b1) != LengthEncoding.minimalFor(length)) {
                break;
            }
            int key = masked ? (int) INT.get(a, p + header - 4) : 0;
            if (text && !validText(a, p + header, (int) length, key)) {
                break;
            }
            run.add(p, header, (int) length, key, firstOffset + (p - first));
            p += header + (int) length;
        }
        decoder.skipWholeFrame(p - first);
        in.position(p - base);
        return p - first;
    }

    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** A TEXT payload's UTF-8 check, unmasking a client's payload into a scratch array first. */
    private boolean validText(byte[] a, int at, int length, int key) {
        if (key == 0) {
            return validUtf8(a, at, length);
        }
        if (unmasked.length < length) {
            unmasked = new byte[length];
        }
        System.arraycopy(a, at, unmasked, 0, length);
        Masking.unmask(unmasked, 0, length, key, 0);
        return validUtf8(unmasked, 0, length);
    }

    /**
     * Whether {@code in} ends inside a frame that may prove {@linkplain #plainFrameAt plain} once whole: a caller
     * may then keep these bytes and offer them again with what follows, instead of feeding them. For a client's
     * stream, a frame {@link #takeMaskedPlainFrames} may take once whole.
     */
    public boolean plainFrameUnfinished(ByteBuffer in) {
        Verdict v = plainHeader(in, sender);
        return v == Verdict.UNFINISHED || v == Verdict.PLAIN && !payloadThere(in);
    }

    private static final byte[] NO_BYTES = new byte[0];

    /** What the header at a position allows; when {@link Verdict#PLAIN}, its sizes are in {@link #cursor}. */
    private enum Verdict { PLAIN, UNFINISHED, NOT_PLAIN }

    /** The header {@link #plainHeader} last accepted: reused, so the fast path allocates nothing. */
    private static final class Cursor {
        int headerBytes;
        int payloadLength;
        int maskingKey;
    }

    /** A client's TEXT payload unmasked for its UTF-8 check; grown to the largest plain payload seen. */
    private byte[] unmasked = NO_BYTES;

    private final Cursor cursor = new Cursor();

    private boolean payloadThere(ByteBuffer in) {
        return in.remaining() - cursor.headerBytes >= cursor.payloadLength;
    }

    /** After {@link Verdict#PLAIN}: the payload is all there, and TEXT is valid UTF-8. */
    private boolean payloadPlain(ByteBuffer in) {
        if (!payloadThere(in)) {
            return false;
        }
        int pos = in.position();
        if ((in.get(pos) & FrameHeader.B0_MASK_OPCODE) != Opcode.TEXT.code()) {
            return true;
        }
        return validText(in.array(), in.arrayOffset() + pos + cursor.headerBytes, cursor.payloadLength,
                cursor.maskingKey);
    }

    /**
     * Whether the header at {@code in}'s position (and the dissector's state) allow a plain frame, whether or not
     * its payload is all there; {@link Verdict#UNFINISHED} when the header is cut short but its first bytes allow
     * one.
     */
    private Verdict plainHeader(ByteBuffer in, Sender from) {
        int remaining = in.remaining();
        if (remaining < 1 || sender != from || !in.hasArray() || !decoder.atFrameBoundary()
                || !assembler.idle()) {
            return Verdict.NOT_PLAIN;
        }
        int pos = in.position();
        int b0 = in.get(pos) & 0xFF;
        if (b0 != (FrameHeader.B0_FLAG_FIN | Opcode.TEXT.code()) && b0 != (FrameHeader.B0_FLAG_FIN | Opcode.BINARY.code())) {
            return Verdict.NOT_PLAIN;
        }
        if (remaining < FrameHeaders.FIXED_BYTES) {
            return Verdict.UNFINISHED;
        }
        int b1 = in.get(pos + 1) & 0xFF;
        boolean masked = (b1 & FrameHeader.B1_FLAG_MASK) != 0;
        if (masked != (from == Sender.CLIENT)) {
            return Verdict.NOT_PLAIN;
        }
        LengthEncoding encoding = FrameHeaders.encoding(b1);
        int header = FrameHeaders.size(b1);
        if (remaining < header) {
            return Verdict.UNFINISHED;
        }
        long length = FrameHeaders.payloadLength(in, pos, encoding);
        if (length < 0 || encoding != LengthEncoding.minimalFor(length) || length > PLAIN_MAX_PAYLOAD
                || length > decoder.maxChunkBytes() || length > assembler.maxRetainedBytes()) {
            return Verdict.NOT_PLAIN;
        }
        cursor.headerBytes = header;
        cursor.payloadLength = (int) length;
        cursor.maskingKey = masked ? in.getInt(pos + header - 4) : 0;
        return Verdict.PLAIN;
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
        if (decoder.desynchronized() && !frame.lastChunk()) {
            // Raw bytes after the stream lost its framing: shown as they are, belonging to no message.
            out.add(new Dissected.FrameItem(frame, Optional.empty(), Optional.empty(), List.of()));
            return;
        }
        Optional<Opcode> messageOpcode = messageOpcodeOf(frame.header().opcode());
        MessageAssembler.Step step = assembler.accept(frame);
        List<Finding> findings = frame.findings();
        if (!step.findings().isEmpty()) {
            findings = new ArrayList<>(frame.findings());
            findings.addAll(step.findings());
        }
        // A message this frame cut short ended before it: it comes first, so the log reads in order.
        step.cutShort().ifPresent(m -> out.add(new Dissected.MessageItem(m)));
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
