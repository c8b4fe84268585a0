package dev.framescope.capture;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A block of payloads {@link PayloadStore#pack}ed back to back: in memory while filled and until evicted, then at a
 * position in the store's spill file. In memory it is an array on the heap, or for a store outside the heap a direct
 * buffer lent by the budget ({@link MemoryBudget#lendBlock}). The store guards a direct block's reads with its
 * monitor, since the buffer goes back to the budget, for another store to fill, when this block spills or its store
 * closes; an array is never reused, so it is read without a lock.
 */
final class PayloadBlock {

    private static final int SPILL_CHUNK = 64 * 1024;

    final int index;
    final int capacity;
    /** Whether the budget holds room for it (else it goes to disk as soon as it is full). */
    final boolean charged;
    private volatile byte[] array;
    private volatile ByteBuffer direct;
    private volatile long position = -1;
    /** Set when the next block opens; guarded by the store. */
    boolean full;
    int fill;

    PayloadBlock(int index, int capacity, boolean charged, Optional<ByteBuffer> direct) {
        this.index = index;
        this.capacity = capacity;
        this.charged = charged;
        this.direct = direct.orElse(null);
        this.array = direct.isPresent() ? null : new byte[capacity];
    }

    /** Copies bytes in at {@code at}; only the store's appending thread calls it, on the open block. */
    void put(int at, byte[] src, int offset, int length) {
        byte[] a = array;
        if (a != null) {
            System.arraycopy(src, offset, a, at, length);
        } else {
            direct.put(at, src, offset, length);
        }
    }

    /** The array on the heap, read without a lock; empty for a direct block or one on disk. */
    Optional<byte[]> array() {
        return Optional.ofNullable(array);
    }

    /** A direct block's bytes, copied out; empty once on disk or given back. The caller holds the store's monitor. */
    Optional<byte[]> copyDirect(int at, int length) {
        ByteBuffer d = direct;
        if (d == null) {
            return Optional.empty();
        }
        byte[] out = new byte[length];
        d.get(at, out, 0, length);
        return Optional.of(out);
    }

    boolean inMemory() {
        return array != null || direct != null;
    }

    long position() {
        return position;
    }

    /** Writes the filled part to {@code file} at its current end, a chunk at a time for a direct block. */
    void writeTo(RandomAccessFile file) throws IOException {
        byte[] a = array;
        if (a != null) {
            file.write(a, 0, fill);
            return;
        }
        byte[] chunk = new byte[Math.min(SPILL_CHUNK, Math.max(1, fill))];
        for (int done = 0; done < fill; ) {
            int n = Math.min(chunk.length, fill - done);
            direct.get(done, chunk, 0, n);
            file.write(chunk, 0, n);
            done += n;
        }
    }

    /**
     * Position first, then drop the bytes: a reader that sees no bytes always finds the position. Returns a direct
     * buffer for the budget to lend again.
     */
    Optional<ByteBuffer> spilled(long at) {
        position = at;
        array = null;
        return takeDirect();
    }

    /** Lets go of the direct buffer (the store closes): the block's bytes cannot be read afterwards. */
    Optional<ByteBuffer> takeDirect() {
        ByteBuffer d = direct;
        direct = null;
        return Optional.ofNullable(d);
    }
}
