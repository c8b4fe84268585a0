package dev.framescope.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where captured payload bytes live: on the heap while the {@link MemoryBudget} (shared with the event index and
 * with other connections) has room, then appended to a temporary spill file (deleted on close) while the events
 * that refer to them stay in memory. Nothing is ever dropped.
 */
public final class PayloadStore implements AutoCloseable {

    public static final long DEFAULT_BUDGET = MemoryBudget.DEFAULT_LIMIT;

    private final MemoryBudget budget;
    private final AtomicLong inMemory = new AtomicLong();
    private final Object spillLock = new Object();
    /**
     * A RandomAccessFile, not a FileChannel: a channel is closed for everyone when a thread is interrupted during an
     * operation (Java-WebSocket interrupts its write thread at every close), which would make spilled payloads
     * unreadable.
     */
    private RandomAccessFile spill;
    private Path spillPath;
    private long spillSize;

    /** A store with a budget of its own (a loaded file, a test). */
    public PayloadStore(long budgetBytes) {
        this(new MemoryBudget(budgetBytes));
    }

    /** A store drawing on a budget shared with other connections. */
    public PayloadStore(MemoryBudget budget) {
        this.budget = budget;
    }

    public MemoryBudget budget() {
        return budget;
    }

    /** Keeps the bytes (the caller must not modify them afterwards). */
    public Payload store(byte[] bytes) {
        if (bytes.length == 0) {
            return new Payload.InMemory(bytes);
        }
        if (budget.tryReservePayload(bytes.length)) {
            inMemory.addAndGet(bytes.length);
            return new Payload.InMemory(bytes);
        }
        return spill(bytes);
    }

    /** Payload bytes held on the heap. */
    public long bytesInMemory() {
        return inMemory.get();
    }

    public long bytesSpilled() {
        synchronized (spillLock) {
            return spillSize;
        }
    }

    private Payload spill(byte[] bytes) {
        synchronized (spillLock) {
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
                return new Spilled(this, position, bytes.length);
            } catch (IOException e) {
                // A full disk must not lose the frame: keep it in memory beyond the budget instead.
                inMemory.addAndGet(bytes.length);
                budget.forcePayload(bytes.length);
                return new Payload.InMemory(bytes);
            }
        }
    }

    byte[] read(long position, int length) {
        byte[] out = new byte[length];
        try {
            synchronized (spillLock) {
                spill.seek(position);
                spill.readFully(out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading captured payload back from " + spillPath, e);
        }
    }

    @Override
    public void close() {
        budget.releasePayload(inMemory.getAndSet(0));
        synchronized (spillLock) {
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

    /** Bytes in the spill file. */
    record Spilled(PayloadStore store, long position, int length) implements Payload {
        @Override
        public byte[] bytes() {
            return store.read(position, length);
        }
    }
}
