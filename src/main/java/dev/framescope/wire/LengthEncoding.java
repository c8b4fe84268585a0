package dev.framescope.wire;

/** How the payload length was written (RFC 6455 §5.2): in the 7-bit field, or as a 16- or 64-bit extension. */
public enum LengthEncoding {
    SEVEN_BIT(7, 0),
    EXTENDED_16(16, 2),
    EXTENDED_64(64, 8);

    private final int bits;
    private final int extensionBytes;

    LengthEncoding(int bits, int extensionBytes) {
        this.bits = bits;
        this.extensionBytes = extensionBytes;
    }

    /** 7, 16 or 64: the number used by {@code dissect --json} and session files. */
    public int bits() {
        return bits;
    }

    /** Bytes that follow the second header byte to carry the length. */
    public int extensionBytes() {
        return extensionBytes;
    }

    /** The encoding RFC 6455 §5.2 requires: the shortest one that holds the length. */
    public static LengthEncoding minimalFor(long payloadLength) {
        if (payloadLength >= 0 && payloadLength <= 125) {
            return SEVEN_BIT;
        }
        if (payloadLength >= 0 && payloadLength <= 0xFFFF) {
            return EXTENDED_16;
        }
        return EXTENDED_64;
    }

    public static LengthEncoding ofBits(int bits) {
        for (LengthEncoding e : values()) {
            if (e.bits == bits) {
                return e;
            }
        }
        throw new IllegalArgumentException("length encoding must be 7, 16 or 64 bits, not " + bits);
    }
}
