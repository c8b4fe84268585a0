package dev.framescope.wire;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A frame header exactly as it was on the wire (RFC 6455 §5.2).
 *
 * @param fin            FIN bit
 * @param rsv1           RSV1 bit (permessage-deflate's "compressed" flag, RFC 7692 §6)
 * @param rsv2           RSV2 bit
 * @param rsv3           RSV3 bit
 * @param opcode         the opcode, reserved values included
 * @param masked         MASK bit
 * @param maskingKey     the 32-bit masking key, big-endian as on the wire; 0 when {@code masked} is false
 * @param payloadLength  the payload length as written; with {@link Violation#LENGTH_MSB_SET} it is the raw 64-bit
 *                       value and therefore negative as a {@code long}: show it with {@link #payloadLengthText()}
 * @param lengthEncoding how the length was written (which may be longer than needed: {@link Violation#NON_MINIMAL_LENGTH})
 * @param streamOffset   offset of the frame's first byte in its sender's stream
 */
public record FrameHeader(boolean fin, boolean rsv1, boolean rsv2, boolean rsv3, Opcode opcode,
                          boolean masked, int maskingKey, long payloadLength, LengthEncoding lengthEncoding,
                          long streamOffset) {

    public static final int B0_FLAG_FIN = 0x80;
    public static final int B0_FLAG_RSV1 = 0x40;
    public static final int B0_FLAG_RSV2 = 0x20;
    public static final int B0_FLAG_RSV3 = 0x10;
    public static final int B0_MASK_OPCODE = 0x0F;
    public static final int B1_FLAG_MASK = 0x80;
    public static final int B1_MASK_LENGTH = 0x7F;
    public static final int LENGTH_16_MARKER = 126;
    public static final int LENGTH_64_MARKER = 127;

    public FrameHeader {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(lengthEncoding, "lengthEncoding");
        if (!masked && maskingKey != 0) {
            throw new IllegalArgumentException("an unmasked frame has no masking key");
        }
    }

    /** Bytes the header occupies: 2, plus the extended length, plus 4 for a masking key. */
    public int headerSize() {
        return 2 + lengthEncoding.extensionBytes() + (masked ? 4 : 0);
    }

    /** Offset of the first payload byte in the sender's stream. */
    public long payloadOffset() {
        return streamOffset + headerSize();
    }

    /** Offset just past the frame, unless the length is unusable ({@link #lengthMsbSet()}). */
    public long endOffset() {
        return payloadOffset() + payloadLength;
    }

    public boolean lengthMsbSet() {
        return payloadLength < 0;
    }

    /**
     * The declared length in decimal, read as the unsigned number the wire carries: {@code 9223372036854775813},
     * never negative, even with {@link Violation#LENGTH_MSB_SET}.
     */
    public String payloadLengthText() {
        return Long.toUnsignedString(payloadLength);
    }

    public boolean anyRsv() {
        return rsv1 || rsv2 || rsv3;
    }

    /** The RSV bits as they sit in the first byte (0x40 | 0x20 | 0x10). */
    public int rsvBits() {
        return (rsv1 ? B0_FLAG_RSV1 : 0) | (rsv2 ? B0_FLAG_RSV2 : 0) | (rsv3 ? B0_FLAG_RSV3 : 0);
    }

    /** The masking key as 8 hex digits, when the frame is masked. */
    public Optional<String> maskingKeyHex() {
        return masked ? Optional.of(String.format("%08x", maskingKey)) : Optional.empty();
    }

    /** The header's first byte: FIN, the RSV bits and the opcode (RFC 6455 §5.2). */
    public int firstByte() {
        return (fin ? B0_FLAG_FIN : 0) | rsvBits() | opcode.code();
    }

    /** The header re-encoded; identical to the bytes on the wire because every choice the sender made is kept. */
    public byte[] rawHeader() {
        byte[] out = new byte[headerSize()];
        out[0] = (byte) firstByte();
        int i = 2;
        switch (lengthEncoding) {
            case SEVEN_BIT -> out[1] = (byte) payloadLength;
            case EXTENDED_16 -> {
                out[1] = (byte) LENGTH_16_MARKER;
                out[i++] = (byte) (payloadLength >>> 8);
                out[i++] = (byte) payloadLength;
            }
            case EXTENDED_64 -> {
                out[1] = (byte) LENGTH_64_MARKER;
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out[i++] = (byte) (payloadLength >>> shift);
                }
            }
        }
        if (masked) {
            out[1] |= (byte) B1_FLAG_MASK;
            out[i++] = (byte) (maskingKey >>> 24);
            out[i++] = (byte) (maskingKey >>> 16);
            out[i++] = (byte) (maskingKey >>> 8);
            out[i] = (byte) maskingKey;
        }
        return out;
    }

    public String rawHeaderHex() {
        return HexFormat.of().formatHex(rawHeader());
    }
}
