package dev.framescope.bench;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A tiny RFC 6455 §5.2 encoder for benchmark input: single-frame binary messages, cut into fixed-size reads. */
final class FrameStreams {

    /** What one socket read typically returns under load; cuts frames (and headers) at arbitrary offsets. */
    static final int READ_SIZE = 16 * 1024;

    private static final long SEED = 6455L;

    private FrameStreams() {
    }

    /** The whole stream: {@code frames} FIN binary frames, each with its own random masking key when masked. */
    static byte[] encode(int frames, int payloadSize, boolean masked) {
        Random random = new Random(SEED);
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames * (payloadSize + 14));
        byte[] payload = new byte[payloadSize];
        byte[] maskingKey = new byte[4];
        for (int i = 0; i < frames; i++) {
            random.nextBytes(payload);
            random.nextBytes(maskingKey);
            writeFrame(out, payload, masked ? maskingKey : null);
        }
        return out.toByteArray();
    }

    private static void writeFrame(ByteArrayOutputStream out, byte[] payload, byte[] maskingKey) {
        out.write(0x82); // FIN + opcode 0x2 (binary)
        int maskBit = maskingKey == null ? 0 : 0x80;
        int length = payload.length;
        if (length <= 125) {
            out.write(maskBit | length);
        } else if (length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift));
            }
        }
        if (maskingKey == null) {
            out.write(payload, 0, length);
            return;
        }
        out.write(maskingKey, 0, 4);
        for (int i = 0; i < length; i++) {
            out.write(payload[i] ^ maskingKey[i & 3]);
        }
    }

    /** The stream as a socket would deliver it: consecutive reads of {@link #READ_SIZE} bytes (the last shorter). */
    static byte[][] reads(byte[] stream) {
        List<byte[]> reads = new ArrayList<>();
        for (int from = 0; from < stream.length; from += READ_SIZE) {
            byte[] read = new byte[Math.min(READ_SIZE, stream.length - from)];
            System.arraycopy(stream, from, read, 0, read.length);
            reads.add(read);
        }
        return reads.toArray(new byte[0][]);
    }
}
