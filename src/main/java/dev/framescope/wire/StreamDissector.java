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

    private final Sender sender;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;

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
