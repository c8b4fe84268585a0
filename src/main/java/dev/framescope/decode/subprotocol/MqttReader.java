package dev.framescope.decode.subprotocol;

import java.util.Optional;

/**
 * A cursor over one MQTT packet's bytes, bounded by the packet's end. Every read checks the bound first, so a
 * claimed length never allocates more than the bytes present; a malformed field ends the packet with
 * {@link Malformed}, naming the rule and the byte offset.
 */
final class MqttReader {

    /** Decoding stopped: at which byte and which rule. A control-flow signal, so no stack trace. */
    static final class Malformed extends Exception {
        final long offset;

        Malformed(long offset, String reason) {
            super(reason, null, false, false);
            this.offset = offset;
        }
    }

    private final byte[] bytes;
    private final int limit;
    private final String truncatedRule;
    private int pos;

    /** {@code truncatedRule} is what running past {@code limit} means (e.g. the remaining length's section). */
    MqttReader(byte[] bytes, int from, int limit, String truncatedRule) {
        this.bytes = bytes;
        this.pos = from;
        this.limit = limit;
        this.truncatedRule = truncatedRule;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return limit - pos;
    }

    private void need(int n, String what) throws Malformed {
        if (remaining() < n) {
            throw new Malformed(pos, what + " needs " + n + " byte(s), " + remaining() + " left (" + truncatedRule
                    + ")");
        }
    }

    int u8(String what) throws Malformed {
        need(1, what);
        return bytes[pos++] & 0xFF;
    }

    int u16(String what) throws Malformed {
        need(2, what);
        int v = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String what) throws Malformed {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (bytes[pos + i] & 0xFF);
        }
        pos += 4;
        return v;
    }

    /** Moves back to a position read before (to read the same bytes another way). */
    void seek(int position) {
        pos = position;
    }

    /** The next two bytes as a big-endian number without consuming them; -1 when fewer are left. */
    int peekU16() {
        return remaining() < 2 ? -1 : ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
    }

    /** The fixed header's remaining length (MQTT 3.1.1 §2.2.3). */
    long remainingLength() throws Malformed {
        return vbi("remaining length", "MQTT remaining length uses more than 4 bytes (MQTT 3.1.1 §2.2.3)");
    }

    /** Variable Byte Integer: 7 bits a byte, at most 4 bytes (MQTT 5.0 §1.5.5, MQTT 3.1.1 §2.2.3). */
    long vbi(String what) throws Malformed {
        return vbi(what, what + " uses more than 4 bytes (MQTT 3.1.1 §2.2.3, MQTT 5.0 §1.5.5)");
    }

    private long vbi(String what, String tooLong) throws Malformed {
        int start = pos;
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int b = u8(what);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new Malformed(start, tooLong);
    }

    /** A length-prefixed UTF-8 string: valid UTF-8, no U+0000 (MQTT 3.1.1 §1.5.3). */
    String utf8(String what) throws Malformed {
        int start = pos;
        int length = u16(what + " length");
        need(length, what);
        Optional<String> text = JsonText.utf8(bytes, pos, pos + length);
        if (text.isEmpty()) {
            throw new Malformed(start, what + " is not valid UTF-8 (MQTT 3.1.1 §1.5.3)");
        }
        if (text.get().indexOf('\0') >= 0) {
            throw new Malformed(start, what + " contains U+0000 (MQTT 3.1.1 §1.5.3)");
        }
        pos += length;
        return text.get();
    }

    /** Length-prefixed binary data (MQTT 5.0 §1.5.6), as {from, to} offsets. */
    int[] binary(String what) throws Malformed {
        int length = u16(what + " length");
        need(length, what);
        int[] range = {pos, pos + length};
        pos += length;
        return range;
    }

    /** Offsets of everything left, consumed. */
    int[] rest() {
        int[] range = {pos, limit};
        pos = limit;
        return range;
    }

    byte[] bytes() {
        return bytes;
    }
}
