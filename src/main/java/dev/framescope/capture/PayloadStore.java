package dev.framescope.capture;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * Where captured payload bytes live: on the heap while the {@link MemoryBudget} (shared with the event index and
 * with other connections) has room, then in a temporary spill file (deleted on close). When the index grows into
 * the room payloads took, the oldest payloads on the heap move to the spill file, so index + heap payloads stay
 * within the budget. Events keep their payload handles either way; nothing is ever dropped.
 */
public final class PayloadStore implements AutoCloseable {

    public static final long DEFAULT_BUDGET = MemoryBudget.DEFAULT_LIMIT;

    private static final Payload EMPTY = new Payload.InMemory(new byte[0]);

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
    private final ArrayDeque<Held> onHeap = new ArrayDeque<>();

    /** A store with a budget of its own (a loaded file, a test). */
    public PayloadStore(long budgetBytes) {
        this(new MemoryBudget(budgetBytes));
    }

    /** A store drawing on a budget shared with other connections. */
    public PayloadStore(MemoryBudget budget) {
        this.budget = budget;
        budget.register(this);
    }

    public MemoryBudget budget() {
        return budget;
    }

    /** Keeps the bytes (the caller must not modify them afterwards). */
    public Payload store(byte[] bytes) {
        if (bytes.length == 0) {
            return EMPTY;
        }
        if (budget.tryReservePayload(bytes.length)) {
            Held held = new Held(this, bytes);
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
        while (freed < bytes && !onHeap.isEmpty()) {
            Held oldest = onHeap.peekFirst();
            long position = append(oldest.data);
            if (position < 0) {
                break;
            }
            onHeap.removeFirst();
            oldest.spilled(position);
            onHeapBytes -= oldest.length;
            freed += oldest.length;
        }
        budget.releasePayload(freed);
        return freed;
    }

    /** Appends to the spill file; -1 when the disk refuses. */
    private long append(byte[] bytes) {
        try {
            if (spill == null) {
                spillPath = Files.createTempFile("framescope-payloads-", ".spill");
                spillPath.toFile().deleteOnExit();
                spill = new RandomAccessFile(spillPath.toFile(), "rw");
            }
            long position = spillSize;
            spill.seek(position);
            spill.write(bytes);
            spillSize += bytes.length;
            return position;
        } catch (IOException e) {
            return -1;
        }
    }

    synchronized byte[] read(long position, int length) {
        byte[] out = new byte[length];
        try {
            spill.seek(position);
            spill.readFully(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading captured payload back from " + spillPath, e);
        }
    }

    @Override
    public void close() {
        budget.unregister(this);
        synchronized (this) {
            budget.releasePayload(onHeapBytes);
            onHeapBytes = 0;
            onHeap.clear();
            if (spill != null) {
                try {
                    spill.close();
                    Files.deleteIfExists(spillPath);
                } catch (IOException e) {
                    spillPath.toFile().deleteOnExit();
                }
            }
        }
    }

    /** Bytes on the heap until the budget needs the room, then in the spill file. */
    static final class Held implements Payload {
        private final PayloadStore store;
        private final int length;
        private volatile byte[] data;
        private volatile long position = -1;

        Held(PayloadStore store, byte[] data) {
            this.store = store;
            this.data = data;
            this.length = data.length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public byte[] bytes() {
            byte[] d = data;
            return d != null ? d : store.read(position, length);
        }

        boolean onHeap() {
            return data != null;
        }

        /** Position first, then drop the bytes: a reader that sees no bytes always finds the position. */
        private void spilled(long at) {
            position = at;
            data = null;
        }
    }

    /** Bytes in the spill file. */
    record Spilled(PayloadStore store, long position, int length) implements Payload {
        @Override
        public byte[] bytes() {
            return store.read(position, length);
        }
    }
}
