package dev.framescope.wire;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * Compresses one direction's messages for permessage-deflate (RFC 7692 §7.2.1). java.util.zip cannot shrink its
 * window below 15 bits, so for a smaller negotiated window each message starts from a fresh compressor and only
 * messages no longer than the window are compressed (back-references then stay inside it); longer ones are sent
 * uncompressed, which §7.2.1 allows. The window is never exceeded.
 */
public final class MessageDeflater implements AutoCloseable {

    private final int windowBits;
    private final boolean contextTakeover;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] step = new byte[16 * 1024];

    public MessageDeflater(int windowBits, boolean contextTakeover) {
        if (windowBits < 8 || windowBits > 15) {
            throw new IllegalArgumentException("window bits must be 8-15, not " + windowBits);
        }
        this.windowBits = windowBits;
        this.contextTakeover = contextTakeover && windowBits == 15;
    }

    /** The compressed payload without its 00 00 ff ff tail, or empty when the message must go uncompressed. */
    public Optional<byte[]> deflate(byte[] message) {
        if (windowBits < 15 && message.length > (1 << windowBits)) {
            return Optional.empty();
        }
        if (!contextTakeover) {
            deflater.reset();
        }
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, message.length / 2));
        int n;
        do {
            n = deflater.deflate(step, 0, step.length, Deflater.SYNC_FLUSH);
            out.write(step, 0, n);
        } while (n == step.length || !deflater.needsInput());
        byte[] all = out.toByteArray();
        int end = all.length;
        if (end >= 4 && all[end - 4] == 0 && all[end - 3] == 0 && all[end - 2] == (byte) 0xff
                && all[end - 1] == (byte) 0xff) {
            end -= 4;
        }
        return Optional.of(Arrays.copyOf(all, end));
    }

    @Override
    public void close() {
        deflater.end();
    }
}
