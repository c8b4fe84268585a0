package dev.framescope.wire;

import java.nio.ByteBuffer;

/**
 * What a frame header's second byte says about the header's size and how its payload length is written
 * (RFC 6455 §5.2): one place for the decoder, the plain-frame fast path and the compact capture records.
 */
public final class FrameHeaders {

    /** The smallest header: the two fixed bytes. */
    public static final int FIXED_BYTES = 2;
    private static final int MASKING_KEY_BYTES = 4;

    private FrameHeaders() {
    }

    /** How the payload length is written, from the 7-bit length field of {@code b1}. */
    public static LengthEncoding encoding(int b1) {
        int len7 = b1 & FrameHeader.B1_MASK_LENGTH;
        return len7 == FrameHeader.LENGTH_16_MARKER ? LengthEncoding.EXTENDED_16
                : len7 == FrameHeader.LENGTH_64_MARKER ? LengthEncoding.EXTENDED_64 : LengthEncoding.SEVEN_BIT;
    }

    /** The whole header's size: the fixed two bytes, the extended length, and the masking key when MASK is set. */
    public static int size(int b1) {
        return FIXED_BYTES + encoding(b1).extensionBytes() + ((b1 & FrameHeader.B1_FLAG_MASK) != 0 ? MASKING_KEY_BYTES : 0);
    }

    /**
     * The payload length of the header at {@code pos} in {@code src}, which must hold its extended length. A 64-bit
     * length is returned as written, so one with its top bit set is negative (RFC 6455 §5.2 forbids that bit).
     */
    public static long payloadLength(ByteBuffer src, int pos) {
        return payloadLength(src, pos, encoding(src.get(pos + 1) & 0xFF));
    }

    /** As {@link #payloadLength(ByteBuffer, int)}, with the encoding already read from the second byte. */
    public static long payloadLength(ByteBuffer src, int pos, LengthEncoding encoding) {
        return switch (encoding) {
            case EXTENDED_16 -> src.getShort(pos + FIXED_BYTES) & 0xFFFF;
            case EXTENDED_64 -> src.getLong(pos + FIXED_BYTES);
            case SEVEN_BIT -> src.get(pos + 1) & FrameHeader.B1_MASK_LENGTH;
        };
    }
}
