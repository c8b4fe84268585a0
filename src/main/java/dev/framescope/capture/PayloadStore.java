package dev.framescope.capture;

import dev.framescope.wire.Masking;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where captured payload bytes live: on the heap while the {@link MemoryBudget} (shared with the event index and
 * with other connections) has room, then in a temporary spill file (deleted on close). When the index grows into
 * the room payloads took, the oldest payloads on the heap move to the spill file, so index + heap payloads stay
 * within the budget. Events keep their payload handles either way; nothing is ever dropped.
 */
public final class PayloadStore implements AutoCloseable {

    public static final long DEFAULT_BUDGET = MemoryBudget.DEFAULT_LIMIT;

    static final Payload EMPTY = new Payload.InMemory(new byte[0]);

    /**
     * Payloads of plain frames ({@link #pack}) are copied back to back into blocks, so a firehose of small frames
     * costs no object per payload; a block moves to the spill file whole. Blocks double from 64 KiB to 4 MiB (a
     * quiet connection keeps little), each a few bytes short of the power of two so that G1 stores a block that is
     * a humongous object in whole regions without an almost empty extra one.
     */
    private static final int FIRST_BLOCK_SHIFT = 16;
    private static final int LAST_BLOCK_SHIFT = 22;
    private static final int BLOCK_SLACK = 64;

    private final MemoryBudget budget;
    /**
     * A RandomAccessFile, not a FileChannel: a channel is closed for everyone when a thread is interrupted during an
     * operation (Java-WebSocket interrupts its write thread at every close), which would make spilled payloads
     * unreadable. Guarded by {@code this}, as are the fields below.
     */
    private RandomAccessFile spill;
    private Path spillPath;
    private long spillSize;
    private long onHeapBytes;
    /** Payloads on the heap, oldest first: the first to move to disk when the budget needs room. */
    private final ArrayDeque<HeldPayload> onHeap = new ArrayDeque<>();
    /** Its share of the budget was given back ({@link #release}); it reserves no more. */
    private volatile boolean released;
    /** The blocks {@link #pack} fills, oldest first; grown by copy so readers need no lock. */
    private volatile PayloadBlock[] blocks = new PayloadBlock[8];
    private int blockCount;
    /** The oldest block that may still be on the heap: where eviction starts looking. */
    private int evictFrom;
    /** The block being filled, and how far; only the appending thread touches these. */
    private PayloadBlock open;
    private int openFill;

    /** Whether its blocks are direct buffers lent by the budget (a relayed connection's) rather than arrays. */
    private final boolean blocksOutsideHeap;
    /** Closed: blocks opened afterwards (an append still under way) are arrays, their buffers given back. */
    private boolean closed;
    /** Held by an append to a store outside the heap and by close, then the store's monitor (never the reverse). */
    private final Object packing = new Object();

    /** A store with a budget of its own (a loaded file, a test). */
    public PayloadStore(long budgetBytes) {
        this(new MemoryBudget(budgetBytes));
    }

    /** A store drawing on a budget shared with other connections. */
    public PayloadStore(MemoryBudget budget) {
        this(budget, false);
    }

    private PayloadStore(MemoryBudget budget, boolean blocksOutsideHeap) {
        this.budget = budget;
        this.blocksOutsideHeap = blocksOutsideHeap;
        budget.register(this);
    }

    /**
     * A store whose blocks of plain frames live outside the heap, in direct buffers the budget lends and takes back
     * for the next store (charged and spilled like arrays): for a relayed connection, whose relay thread copies
     * every payload in, so that keeping them makes no work for the collector and reuses memory already touched.
     * A block's bytes cannot be read once the store is closed.
     */
    public static PayloadStore outsideHeap(MemoryBudget budget) {
        return new PayloadStore(budget, true);
    }

    public MemoryBudget budget() {
        return budget;
    }

    /** Keeps the bytes (the caller must not modify them afterwards). */
    public Payload store(byte[] bytes) {
        if (bytes.length == 0) {
            return EMPTY;
        }
        if (!released && budget.tryReservePayload(bytes.length)) {
            HeldPayload held = new HeldPayload(this, bytes);
            synchronized (this) {
                onHeap.addLast(held);
                onHeapBytes += bytes.length;
            }
            return held;
        }
        synchronized (this) {
            long position = append(bytes);
            if (position < 0) {
                // A full disk must not lose the frame: keep it on the heap beyond the budget instead.
                budget.forcePayload(bytes.length);
                onHeapBytes += bytes.length;
                return new Payload.InMemory(bytes);
            }
            return new Spilled(this, position, bytes.length);
        }
    }

    /**
     * Copies {@code length} bytes into the store's blocks and returns a reference for {@link #packed}. Appends of
     * one store must not run concurrently (the log calls it under its lock); reads and eviction may.
     */
    long pack(byte[] src, int offset, int length) {
        if (blocksOutsideHeap) {
            synchronized (packing) {
                // close may give the open block's buffer back in between: a copy into it after that would land in
                // another store's block (not the store's monitor, which eviction holds while it writes to disk)
                return packInto(src, offset, length);
            }
        }
        return packInto(src, offset, length);
    }

    private long packInto(byte[] src, int offset, int length) {
        if (open == null || openFill + length > open.capacity) {
            openBlock(length);
        }
        open.put(openFill, src, offset, length);
        long ref = (long) open.index << 32 | openFill;
        openFill += length;
        return ref;
    }

    /**
     * The payload at a reference {@link #pack} returned; a client's payload was packed masked, and is unmasked with
     * its {@code maskingKey} when read (0 for an unmasked one).
     */
    Payload packed(long ref, int length, int maskingKey) {
        return length == 0 ? EMPTY : new Packed(this, ref, length, maskingKey);
    }

    /** Ends the open block (to disk now if the budget had no room for it) and starts one with room for length. */
    private synchronized void openBlock(int length) {
        if (open != null) {
            open.fill = openFill;
            open.full = true;
            if (!open.charged) {
                spillBlock(open);
            }
        }
        int shift = Math.min(LAST_BLOCK_SHIFT, FIRST_BLOCK_SHIFT + blockCount);
        int capacity = Math.max((1 << shift) - BLOCK_SLACK, length);
        boolean charged = !released && budget.tryReservePayload(capacity);
        if (!charged) {
            // bound for the spill file as soon as it is full: a small block, not a 4 MiB humongous array per block
            capacity = Math.max((1 << FIRST_BLOCK_SHIFT) - BLOCK_SLACK, length);
        }
        PayloadBlock b = new PayloadBlock(blockCount, capacity, charged,
                charged && blocksOutsideHeap && !closed ? budget.lendBlock(capacity) : Optional.empty());
        if (b.charged) {
            onHeapBytes += capacity;
        }
        PayloadBlock[] all = blocks;
        if (blockCount == all.length) {
            all = Arrays.copyOf(all, all.length * 2);
        }
        all[blockCount++] = b;
        blocks = all;
        open = b;
        openFill = 0;
    }

    /** Writes a full block to the spill file and lets go of its bytes; false when the disk refused. */
    private boolean spillBlock(PayloadBlock b) {
        long position;
        try {
            position = openSpill();
            b.writeTo(spill);
            spillSize += b.fill;
        } catch (IOException e) {
            return false;
        }
        Optional<ByteBuffer> lent = b.spilled(position);
        if (b.charged) {
            onHeapBytes -= b.capacity;
            budget.releasePayload(b.capacity);
        }
        lent.ifPresent(budget::takeBackBlock);
        return true;
    }

    private byte[] readPacked(long ref, int length) {
        PayloadBlock b = blocks[(int) (ref >>> 32)];
        int at = (int) ref;
        Optional<byte[]> array = b.array();
        if (array.isPresent()) {
            return Arrays.copyOfRange(array.get(), at, at + length);
        }
        if (blocksOutsideHeap) {
            synchronized (this) {
                Optional<byte[]> copy = b.copyDirect(at, length);
                if (copy.isPresent()) {
                    return copy.get();
                }
                if (b.position() < 0) {
                    throw new IllegalStateException("the capture was closed: a payload of " + length
                            + " bytes kept outside the heap is gone");
                }
            }
        }
        return read(b.position() + at, length);
    }

    /** Payload bytes held on the heap. */
    public synchronized long bytesInMemory() {
        return onHeapBytes;
    }

    public synchronized long bytesSpilled() {
        return spillSize;
    }

    /** Moves the oldest payloads on the heap to the spill file until {@code bytes} are freed; returns what was. */
    synchronized long evict(long bytes) {
        long freed = 0;
        while (freed < bytes && evictFrom < blockCount && blocks[evictFrom].full) {
            PayloadBlock b = blocks[evictFrom];
            if (b.inMemory() && b.charged) {
                long before = onHeapBytes;
                if (!spillBlock(b)) {
                    return freed;
                }
                freed += before - onHeapBytes;
            }
            evictFrom++;
        }
        // spillBlock released the blocks' budget itself; only the Held payloads below are released at the end.
        long freedBlocks = freed;
        while (freed < bytes && !onHeap.isEmpty()) {
            HeldPayload oldest = onHeap.peekFirst();
            if (!oldest.onHeap()) {
                onHeap.removeFirst(); // moved to disk ahead of its turn by spillPosition
                continue;
            }
            long position = append(oldest.data);
            if (position < 0) {
                break;
            }
            onHeap.removeFirst();
            oldest.spilled(position);
            onHeapBytes -= oldest.length;
            freed += oldest.length;
        }
        budget.releasePayload(freed - freedBlocks);
        return freed;
    }

    /** Appends to the spill file; -1 when the disk refuses. */
    private long append(byte[] bytes) {
        return append(bytes, 0, bytes.length);
    }

    private long append(byte[] bytes, int offset, int length) {
        try {
            long position = openSpill();
            spill.write(bytes, offset, length);
            spillSize += length;
            return position;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Creates the spill file if need be and seeks to its end, where the next bytes go. */
    private long openSpill() throws IOException {
        if (spill == null) {
            spillPath = Files.createTempFile("framescope-payloads-", ".spill");
            spillPath.toFile().deleteOnExit();
            spill = new RandomAccessFile(spillPath.toFile(), "rw");
        }
        spill.seek(spillSize);
        return spillSize;
    }

    synchronized byte[] read(long position, int length) {
        try {
            return readSpilled(position, length);
        } catch (IOException e) {
            throw new UncheckedIOException("the capture's spill file " + spillPath + " was cut short, removed or"
                    + " damaged: a payload of " + length + " bytes cannot be read back", e);
        }
    }

    /** Reads spilled bytes; an {@link java.io.EOFException} when the file was cut short. */
    synchronized byte[] readSpilled(long position, int length) throws IOException {
        if (spill == null) {
            throw new IOException("no spill file");
        }
        byte[] out = new byte[length];
        spill.seek(position);
        spill.readFully(out);
        return out;
    }

    /** Appends bytes of the event index ({@link EventIndex}) to the spill file; -1 when the disk refuses. */
    synchronized long appendSpilled(byte[] bytes, int length) {
        return append(bytes, 0, length);
    }

    /** The spill file, for messages; empty before anything spilled. */
    synchronized String spillFile() {
        return spillPath == null ? "(none yet)" : spillPath.toString();
    }

    /**
     * Where a payload lies in this store's spill file, moving it there first when it is on the heap or elsewhere
     * (the event index spills and keeps only positions); -1 when the disk refused.
     */
    synchronized long spillPosition(Payload p) {
        if (p instanceof Spilled s && s.store() == this) {
            return s.position();
        }
        if (p instanceof HeldPayload h && h.store == this) {
            long at = h.position;
            if (at >= 0) {
                return at;
            }
            byte[] data = h.data;
            at = data == null ? h.position : append(data);
            if (at >= 0 && data != null) {
                h.spilled(at);
                if (!released) {
                    onHeapBytes -= h.length;
                    budget.releasePayload(h.length);
                }
            }
            return at;
        }
        return append(p.bytes());
    }

    /** Copies spilled bytes to {@code out} a megabyte at a time. */
    void copy(long position, long length, OutputStream out) throws IOException {
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(1 << 20, length - done);
            out.write(read(position + done, n));
            done += n;
        }
    }

    /**
     * Moves every payload on the heap that can move (all but the block still being filled) to the spill file; what
     * the disk refuses stays on the heap. Returns the bytes moved. File I/O: never on the UI thread.
     */
    public synchronized long spillAll() {
        return released ? 0 : evict(Long.MAX_VALUE);
    }

    /**
     * Gives this store's share of the budget back while every payload stays readable (a view may still show one);
     * for a log the window no longer keeps. Its memory goes with the last reference, its spill file at exit or
     * {@link #close}. Anything stored afterwards goes to the spill file.
     */
    public void release() {
        budget.unregister(this);
        synchronized (this) {
            released = true;
            budget.releasePayload(onHeapBytes);
            onHeapBytes = 0;
            onHeap.clear();
        }
    }

    @Override
    public void close() {
        budget.unregister(this);
        synchronized (packing) {
            closeHoldingPacking();
        }
    }

    private synchronized void closeHoldingPacking() {
        budget.releasePayload(onHeapBytes);
        onHeapBytes = 0;
        onHeap.clear();
        // onHeapBytes, released above, included the charged blocks; their arrays go with the last reference,
        // their direct buffers back to the budget for the next store.
        closed = true;
        for (int i = 0; i < blockCount; i++) {
            blocks[i].takeDirect().ifPresent(budget::takeBackBlock);
        }
        open = null;
        if (spill != null) {
            try {
                spill.close();
                Files.deleteIfExists(spillPath);
            } catch (IOException e) {
                spillPath.toFile().deleteOnExit();
            }
        }
    }

    /** Bytes in the spill file. */
    record Spilled(PayloadStore store, long position, int length) implements Payload {
        @Override
        public byte[] bytes() {
            return store.read(position, length);
        }

        @Override
        public void copyTo(OutputStream out) throws IOException {
            store.copy(position, length, out);
        }
    }

    /** Bytes {@link #pack}ed into a block, on the heap or in the spill file. */
    record Packed(PayloadStore store, long ref, int length, int maskingKey) implements Payload {
        @Override
        public byte[] bytes() {
            byte[] bytes = store.readPacked(ref, length);
            if (maskingKey != 0) {
                Masking.unmask(bytes, 0, length, maskingKey, 0);
            }
            return bytes;
        }
    }
}
