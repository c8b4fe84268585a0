package dev.framescope.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The XOR masking of RFC 6455 §5.3; applying it twice restores the data. */
public final class Masking {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code data[off, off+len)} with the masking key, starting at position {@code keyOffset} of the payload so
     * that chunks of one payload continue the key's phase.
     */
    public static void unmask(byte[] data, int off, int len, int maskingKey, long keyOffset) {
        int phase = (int) (keyOffset & 3);
        int key = Integer.rotateLeft(maskingKey, 8 * phase);
        int i = off;
        int end = off + len;
        long wide = ((long) key << 32) | (key & 0xFFFFFFFFL);
        for (; i + 8 <= end; i += 8) {
            LONGS.set(data, i, (long) LONGS.get(data, i) ^ wide);
        }
        for (int k = 0; i < end; i++, k++) {
            data[i] ^= (byte) (key >>> (24 - 8 * (k & 3)));
        }
    }

    /** Returns a masked (or unmasked) copy, leaving {@code data} untouched. */
    public static byte[] apply(byte[] data, int maskingKey) {
        byte[] out = data.clone();
        unmask(out, 0, out.length, maskingKey, 0);
        return out;
    }
}
