package dev.framescope.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Random;

/**
 * Writes any frame header, legal or not: for tests, the demo server's chaos script and the composer's raw mode.
 * The payload is given unmasked; the encoder masks it when the frame is masked.
 */
public final class FrameEncoder {

    private static final Random RANDOM = new SecureRandom();

    private boolean fin = true;
    private boolean rsv1;
    private boolean rsv2;
    private boolean rsv3;
    private int opcode = Opcode.TEXT.code();
    private boolean masked;
    private Optional<Integer> maskingKey = Optional.empty();
    private Random random = RANDOM;
    private Optional<LengthEncoding> forcedEncoding = Optional.empty();
    private byte[] payload = new byte[0];

    public static FrameEncoder frame(Opcode opcode) {
        return new FrameEncoder().opcode(opcode);
    }

    public static FrameEncoder text(String text) {
        return frame(Opcode.TEXT).payload(text.getBytes(StandardCharsets.UTF_8));
    }

    public static FrameEncoder binary(byte[] data) {
        return frame(Opcode.BINARY).payload(data);
    }

    public static FrameEncoder ping(byte[] data) {
        return frame(Opcode.PING).payload(data);
    }

    public static FrameEncoder pong(byte[] data) {
        return frame(Opcode.PONG).payload(data);
    }

    /** A close frame with a status code and reason (RFC 6455 §5.5.1). */
    public static FrameEncoder close(int code, String reason) {
        return frame(Opcode.CLOSE).payload(ClosePayload.encode(code, reason));
    }

    public FrameEncoder fin(boolean value) {
        fin = value;
        return this;
    }

    public FrameEncoder rsv1(boolean value) {
        rsv1 = value;
        return this;
    }

    public FrameEncoder rsv2(boolean value) {
        rsv2 = value;
        return this;
    }

    public FrameEncoder rsv3(boolean value) {
        rsv3 = value;
        return this;
    }

    public FrameEncoder opcode(Opcode value) {
        opcode = value.code();
        return this;
    }

    /** Any opcode nibble 0-15, reserved ones included. */
    public FrameEncoder opcode(int nibble) {
        if (nibble < 0 || nibble > 15) {
            throw new IllegalArgumentException("an opcode is 4 bits, not " + nibble);
        }
        opcode = nibble;
        return this;
    }

    /** Masks with a random key (a client's frames must be masked, RFC 6455 §5.3). */
    public FrameEncoder masked() {
        masked = true;
        maskingKey = Optional.empty();
        return this;
    }

    public FrameEncoder masked(int key) {
        masked = true;
        maskingKey = Optional.of(key);
        return this;
    }

    public FrameEncoder unmasked() {
        masked = false;
        maskingKey = Optional.empty();
        return this;
    }

    /** The source of random masking keys (seeded in tests). */
    public FrameEncoder random(Random source) {
        random = source;
        return this;
    }

    /** Writes the length in this encoding even when a shorter one would do (a NON_MINIMAL_LENGTH probe). */
    public FrameEncoder lengthEncoding(LengthEncoding encoding) {
        forcedEncoding = Optional.of(encoding);
        return this;
    }

    public FrameEncoder payload(byte[] unmasked) {
        payload = unmasked.clone();
        return this;
    }

    /** The header this encoder writes, at stream offset 0. */
    public FrameHeader header() {
        LengthEncoding encoding = forcedEncoding.orElse(LengthEncoding.minimalFor(payload.length));
        if (encoding == LengthEncoding.SEVEN_BIT && payload.length > 125
                || encoding == LengthEncoding.EXTENDED_16 && payload.length > 0xFFFF) {
            throw new IllegalArgumentException(
                    "a payload of " + payload.length + " bytes does not fit a " + encoding.bits() + "-bit length");
        }
        int key = masked ? maskingKey.orElseGet(random::nextInt) : 0;
        maskingKey = masked ? Optional.of(key) : Optional.empty();
        return new FrameHeader(fin, rsv1, rsv2, rsv3, Opcode.of(opcode), masked, key, payload.length, encoding, 0);
    }

    public byte[] encode() {
        FrameHeader h = header();
        byte[] head = h.rawHeader();
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        if (h.masked()) {
            Masking.unmask(out, head.length, payload.length, h.maskingKey(), 0);
        }
        return out;
    }

    public void writeTo(ByteBuffer out) {
        out.put(encode());
    }
}
