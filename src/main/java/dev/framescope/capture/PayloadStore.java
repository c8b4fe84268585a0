package dev.framescope.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where captured payload bytes live: on the heap up to a memory budget, then appended to a temporary spill file
 * (deleted on close) while the events that refer to them stay in memory. Nothing is ever dropped.
 */
public final class PayloadStore implements AutoCloseable {

    public static final long DEFAULT_BUDGET = 256L * 1024 * 1024;

    /**
     * The budget for a capture in this JVM: {@link #DEFAULT_BUDGET}, or a quarter of the maximum heap when that is
     * smaller, so that payloads held on the heap never crowd out the rest of the application.
     */
    public static long defaultBudget() {
        return Math.min(DEFAULT_BUDGET, Runtime.getRuntime().maxMemory() / 4);
    }

    private final long budget;
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

    public PayloadStore(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** Keeps the bytes (the caller must not modify them afterwards). */
    public Payload store(byte[] bytes) {
        if (bytes.length == 0 || inMemory.addAndGet(bytes.length) <= budget) {
            return new Payload.InMemory(bytes);
        }
        inMemory.addAndGet(-bytes.length);
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
