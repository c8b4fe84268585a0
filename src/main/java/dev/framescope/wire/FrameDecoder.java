package dev.framescope.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Incremental decoder of one direction's frames (RFC 6455 §5.2). Fed byte buffers cut anywhere, it returns the next
 * frame (or the next chunk of a frame larger than {@link DecoderOptions#maxChunkBytes()}), or empty when it needs
 * more bytes. It never throws on hostile input: every breach of a frame-level rule becomes a {@link Finding} on the
 * frame's first chunk. A 64-bit length with its top bit set cannot be trusted, so the decoder stops decoding there
 * ({@link #desynchronized()}, {@link #trustedUntil()}; one {@link Violation#DESYNCHRONIZED} finding) and hands the
 * bytes that follow on undecoded, as raw chunks of that untrusted frame (never last), so nothing received is lost.
 */
public final class FrameDecoder {

    private static final int MAX_HEADER = 14;
    private static final byte[] EMPTY = new byte[0];

    private enum State { HEADER, PAYLOAD, DESYNCHRONIZED }

    private final Sender sender;
    private final int maxChunkBytes;
    private int allowedRsvBits;
    private boolean rsv1OnContinuationAllowed;

    private State state = State.HEADER;
    private long offset;
    private long trustedUntil = -1;
    private long rawRead;

    private final byte[] headerBytes = new byte[MAX_HEADER];
    private final ByteBuffer headerView = ByteBuffer.wrap(headerBytes);
    private int headerFill;

    private FrameHeader header;
    private List<Finding> pendingFindings = List.of();
    private long payloadRead;
    private byte[] chunk;
    private int chunkFill;

    public FrameDecoder(Sender sender, DecoderOptions options) {
        this.sender = sender;
        this.maxChunkBytes = options.maxChunkBytes();
        this.allowedRsvBits = options.allowedRsvBits();
        this.offset = options.startOffset();
    }

    /** RSV bits a negotiated extension defines, e.g. {@link FrameHeader#B0_FLAG_RSV1} for permessage-deflate. */
    public void setAllowedRsvBits(int b0Mask) {
        this.allowedRsvBits = b0Mask & (FrameHeader.B0_FLAG_RSV1 | FrameHeader.B0_FLAG_RSV2 | FrameHeader.B0_FLAG_RSV3);
    }

    /** Per-frame deflate sets RSV1 on continuation frames too; then that is no violation. */
    public void setRsv1OnContinuationAllowed(boolean allowed) {
        this.rsv1OnContinuationAllowed = allowed;
    }

    public Sender sender() {
        return sender;
    }

    /** Stream offset of the next byte to be fed. */
    public long streamOffset() {
        return offset;
    }

    public boolean desynchronized() {
        return state == State.DESYNCHRONIZED;
    }

    /** Whether the next byte fed starts a frame: no header or payload is half-read and the stream is trusted. */
    public boolean atFrameBoundary() {
        return state == State.HEADER && headerFill == 0;
    }

    /** The sender's MASK bit is as RFC 6455 §5.1 requires: set for a client, clear for a server. */
    boolean maskExpected() {
        return sender == Sender.CLIENT;
    }

    /** Payload bytes one chunk holds at most; a larger frame arrives in several chunks. */
    int maxChunkBytes() {
        return maxChunkBytes;
    }

    /**
     * Accounts for a whole frame the caller decoded itself because it broke no rule (see
     * {@link StreamDissector#takePlainFrames}); only valid {@linkplain #atFrameBoundary() at a frame boundary}.
     */
    void skipWholeFrame(int frameBytes) {
        offset += frameBytes;
    }

    /** Where the decoder stopped trusting the stream (start of the untrustworthy frame), or -1 while it trusts it. */
    public long trustedUntil() {
        return trustedUntil;
    }

    /** Consumes bytes from {@code in} until a frame or chunk is complete; empty when {@code in} ran out first. */
    public Optional<Frame> next(ByteBuffer in) {
        while (true) {
            switch (state) {
                case HEADER -> {
                    if (!readHeader(in)) {
                        return Optional.empty();
                    }
                    Frame immediate = startPayload();
                    if (immediate != null) {
                        return Optional.of(immediate);
                    }
                }
                case PAYLOAD -> {
                    Frame frame = readPayload(in);
                    return frame == null ? Optional.empty() : Optional.of(frame);
                }
                default -> {
                    return Optional.ofNullable(rawChunk(in));
                }
            }
        }
    }

    /** After desynchronizing: the next raw bytes as a chunk of the untrusted frame, or null when there are none. */
    private Frame rawChunk(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return null;
        }
        byte[] raw = new byte[Math.min(in.remaining(), maxChunkBytes)];
        in.get(raw);
        offset += raw.length;
        long at = rawRead;
        rawRead += raw.length;
        return new Frame(header, at, raw, false, List.of());
    }

    /** The stream ended: a finding when it ended inside a frame. */
    public List<Finding> endOfStream() {
        if (state == State.HEADER && headerFill > 0) {
            long start = offset - headerFill;
            return List.of(Finding.at(Violation.TRUNCATED_FRAME, start,
                    "stream ended after " + headerFill + " of " + (headerFill < 2 ? "at least 2" : headerSize())
                            + " header bytes"));
        }
        if (state == State.PAYLOAD) {
            long received = payloadRead + chunkFill;
            return List.of(Finding.at(Violation.TRUNCATED_FRAME, header.streamOffset(),
                    "stream ended after " + received + " of " + header.payloadLengthText() + " payload bytes"));
        }
        return List.of();
    }

    private int headerSize() {
        return FrameHeaders.size(headerBytes[1] & 0xFF);
    }

    private boolean readHeader(ByteBuffer in) {
        if (headerFill == 0 && in.remaining() >= 2) {
            int pos = in.position();
            int size = FrameHeaders.size(in.get(pos + 1) & 0xFF);
            if (in.remaining() >= size) {
                header = parse(in, pos, offset);
                in.position(pos + size);
                offset += size;
                return true;
            }
        }
        while (headerFill < 2) {
            if (!in.hasRemaining()) {
                return false;
            }
            headerBytes[headerFill++] = in.get();
            offset++;
        }
        int need = headerSize();
        int take = Math.min(need - headerFill, in.remaining());
        in.get(headerBytes, headerFill, take);
        headerFill += take;
        offset += take;
        if (headerFill < need) {
            return false;
        }
        header = parse(headerView, 0, offset - need);
        headerFill = 0;
        return true;
    }

    private static FrameHeader parse(ByteBuffer src, int pos, long streamOffset) {
        int b0 = src.get(pos) & 0xFF;
        int b1 = src.get(pos + 1) & 0xFF;
        LengthEncoding encoding = FrameHeaders.encoding(b1);
        long length = FrameHeaders.payloadLength(src, pos);
        boolean masked = (b1 & FrameHeader.B1_FLAG_MASK) != 0;
        int key = masked ? src.getInt(pos + FrameHeaders.FIXED_BYTES + encoding.extensionBytes()) : 0;
        return new FrameHeader((b0 & FrameHeader.B0_FLAG_FIN) != 0, (b0 & FrameHeader.B0_FLAG_RSV1) != 0,
                (b0 & FrameHeader.B0_FLAG_RSV2) != 0, (b0 & FrameHeader.B0_FLAG_RSV3) != 0,
                Opcode.of(b0 & FrameHeader.B0_MASK_OPCODE), masked, key, length, encoding, streamOffset);
    }

    /** Checks the header; returns a frame at once when there is no payload to read. */
    private Frame startPayload() {
        pendingFindings = headerFindings(header);
        payloadRead = 0;
        chunkFill = 0;
        chunk = null;
        if (header.lengthMsbSet()) {
            state = State.DESYNCHRONIZED;
            trustedUntil = header.streamOffset();
            List<Finding> all = new ArrayList<>(pendingFindings);
            all.add(Finding.at(Violation.DESYNCHRONIZED, offset, "the frame at byte " + header.streamOffset()
                    + " declares a length no stream can hold; from byte " + offset + " on the bytes are kept raw"));
            pendingFindings = all;
            return emit(EMPTY, true);
        }
        if (header.payloadLength() == 0) {
            return emit(EMPTY, true);
        }
        state = State.PAYLOAD;
        return null;
    }

    private Frame readPayload(ByteBuffer in) {
        if (chunk == null) {
            long left = header.payloadLength() - payloadRead;
            chunk = new byte[(int) Math.min(left, maxChunkBytes)];
        }
        int take = Math.min(chunk.length - chunkFill, in.remaining());
        in.get(chunk, chunkFill, take);
        chunkFill += take;
        offset += take;
        if (chunkFill < chunk.length) {
            return null;
        }
        byte[] done = chunk;
        if (header.masked()) {
            Masking.unmask(done, 0, done.length, header.maskingKey(), payloadRead);
        }
        long chunkOffset = payloadRead;
        payloadRead += done.length;
        chunk = null;
        chunkFill = 0;
        boolean last = payloadRead == header.payloadLength();
        if (last) {
            state = State.HEADER;
            if (header.opcode() == Opcode.CLOSE && chunkOffset == 0) {
                pendingFindings = withCloseFindings(pendingFindings, done);
            }
        }
        return emitChunk(chunkOffset, done, last);
    }

    private Frame emit(byte[] payload, boolean last) {
        if (header.opcode() == Opcode.CLOSE && last) {
            pendingFindings = withCloseFindings(pendingFindings, payload);
        }
        if (!header.lengthMsbSet()) {
            state = State.HEADER;
        }
        return emitChunk(0, payload, last);
    }

    private Frame emitChunk(long chunkOffset, byte[] payload, boolean last) {
        List<Finding> findings = pendingFindings;
        pendingFindings = List.of();
        return new Frame(header, chunkOffset, payload, last, findings);
    }

    private List<Finding> withCloseFindings(List<Finding> findings, byte[] payload) {
        List<Finding> close = ClosePayload.parse(payload).findings(header.streamOffset());
        if (close.isEmpty()) {
            return findings;
        }
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(close);
        return all;
    }

    private List<Finding> headerFindings(FrameHeader h) {
        if (!suspicious(h)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>(2);
        long at = h.streamOffset();
        if (h.masked() && sender == Sender.SERVER) {
            out.add(Finding.at(Violation.MASKED_SERVER_FRAME, at, "masking key " + h.maskingKeyHex().orElse("")));
        } else if (!h.masked() && sender == Sender.CLIENT) {
            out.add(Finding.at(Violation.UNMASKED_CLIENT_FRAME, at, "MASK bit 0"));
        }
        rsvFindings(h, at, out);
        if (h.opcode().isReserved()) {
            out.add(Finding.at(Violation.RESERVED_OPCODE, at, String.format("opcode 0x%X", h.opcode().code())));
        }
        if (h.lengthMsbSet()) {
            out.add(Finding.at(Violation.LENGTH_MSB_SET, at,
                    String.format("64-bit length %s (0x%016X); the rest of the stream cannot be framed",
                            h.payloadLengthText(), h.payloadLength())));
            return out;
        }
        if (h.opcode().isControl() && h.payloadLength() > 125) {
            out.add(Finding.at(Violation.CONTROL_FRAME_TOO_LONG, at,
                    h.opcode().shortName() + " with payload length " + h.payloadLength()));
        }
        if (h.opcode().isControl() && !h.fin()) {
            out.add(Finding.at(Violation.FRAGMENTED_CONTROL_FRAME, at, h.opcode().shortName() + " with FIN 0"));
        }
        LengthEncoding minimal = LengthEncoding.minimalFor(h.payloadLength());
        if (h.lengthEncoding() != minimal) {
            out.add(Finding.at(Violation.NON_MINIMAL_LENGTH, at, "payload length " + h.payloadLength()
                    + " written in " + h.lengthEncoding().bits() + " bits instead of " + minimal.bits()));
        }
        return out;
    }

    /** A cheap test that lets well-formed frames skip the checks' allocation. */
    private boolean suspicious(FrameHeader h) {
        return h.masked() == (sender == Sender.SERVER) || h.anyRsv() || h.opcode().isReserved() || h.lengthMsbSet()
                || h.lengthEncoding() != LengthEncoding.minimalFor(h.payloadLength())
                || (h.opcode().isControl() && (h.payloadLength() > 125 || !h.fin()))
                || h.opcode() == Opcode.CLOSE;
    }

    private void rsvFindings(FrameHeader h, long at, List<Finding> out) {
        int forbidden = h.rsvBits() & ~allowedRsvBits;
        if (forbidden != 0) {
            out.add(Finding.at(Violation.RESERVED_BITS, at, "set without a negotiated extension: " + rsvNames(forbidden)));
        }
        if (h.rsv1() && (allowedRsvBits & FrameHeader.B0_FLAG_RSV1) != 0) {
            if (h.opcode().isControl()) {
                out.add(Finding.at(Violation.RSV1_ON_CONTROL_FRAME, at, h.opcode().shortName() + " with RSV1"));
            } else if (h.opcode() == Opcode.CONTINUATION && !rsv1OnContinuationAllowed) {
                out.add(Finding.at(Violation.RSV1_ON_CONTINUATION, at, "continuation frame with RSV1"));
            }
        }
    }

    private static String rsvNames(int bits) {
        StringBuilder sb = new StringBuilder();
        if ((bits & FrameHeader.B0_FLAG_RSV1) != 0) {
            sb.append("RSV1 ");
        }
        if ((bits & FrameHeader.B0_FLAG_RSV2) != 0) {
            sb.append("RSV2 ");
        }
        if ((bits & FrameHeader.B0_FLAG_RSV3) != 0) {
            sb.append("RSV3 ");
        }
        return sb.toString().trim();
    }
}
