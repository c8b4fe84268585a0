package dev.framescope.capture;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a capture may use, shared by every connection of a session: the event index (charged per event by
 * {@link CaptureLog}, an estimate of the objects each event keeps) and the payload bytes held on the heap (charged
 * by {@link PayloadStore}). A new payload goes to disk when index + payloads would pass the limit, and as the index
 * grows the oldest payloads on the heap move to disk to make room, so the index always has room first. When index
 * and payloads still pass the limit, the growing log moves the oldest segments of its own index to its spill file
 * ({@link EventIndex}); nothing received is dropped. Only a disk that refuses the spill lets the heap grow past it.
 */
public final class MemoryBudget {

    /** Default for a session: 512 MiB, or a quarter of the maximum heap when that is smaller. */
    public static final long DEFAULT_LIMIT = 512L * 1024 * 1024;

    private final long limit;
    private final AtomicLong index = new AtomicLong();
    private final AtomicLong payloads = new AtomicLong();
    private final List<PayloadStore> stores = new CopyOnWriteArrayList<>();
    /** Direct buffers stores gave back ({@link #takeBackBlock}), by capacity; guarded by itself. */
    private final Map<Integer, ArrayDeque<ByteBuffer>> freeBlocks = new HashMap<>();
    private long freeBlockBytes;

    public MemoryBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("a memory budget cannot be negative: " + limitBytes);
        }
        this.limit = limitBytes;
    }

    /**
     * The configured limit when there is one ({@code AppOptions.memoryBudget}), else {@link #DEFAULT_LIMIT} or a
     * quarter of this JVM's maximum heap when that is smaller.
     */
    public static MemoryBudget forThisJvm(OptionalLong configured) {
        return new MemoryBudget(configured.orElse(Math.min(DEFAULT_LIMIT, Runtime.getRuntime().maxMemory() / 4)));
    }

    public long limit() {
        return limit;
    }

    public long indexBytes() {
        return index.get();
    }

    public long payloadBytes() {
        return payloads.get();
    }

    public long used() {
        return index.get() + payloads.get();
    }

    /** Reserves room for payload bytes on the heap; false means they should spill. */
    boolean tryReservePayload(long bytes) {
        long after = payloads.addAndGet(bytes);
        if (after + index.get() <= limit) {
            return true;
        }
        payloads.addAndGet(-bytes);
        return false;
    }

    /** Payload bytes kept on the heap whatever the budget says (a full disk refused the spill). */
    void forcePayload(long bytes) {
        payloads.addAndGet(bytes);
    }

    void releaseIndex(long bytes) {
        index.addAndGet(-bytes);
    }

    void releasePayload(long bytes) {
        payloads.addAndGet(-bytes);
    }

    /** Charges an event's index cost, moving payloads to disk when the index grows into their room. */
    void chargeIndex(long bytes) {
        long indexNow = index.addAndGet(bytes);
        long over = indexNow + payloads.get() - limit;
        if (over > 0 && payloads.get() > 0) {
            makeRoom(Math.max(over, 1L << 20));
        }
    }

    /** Evicts at least {@code bytes} of payloads from the stores (in turn) if they hold that much. */
    private void makeRoom(long bytes) {
        long freed = 0;
        for (PayloadStore store : stores) {
            freed += store.evict(Math.max(0, bytes - freed));
            if (freed >= bytes) {
                return;
            }
        }
    }

    /**
     * A direct buffer for a block outside the heap ({@link PayloadStore#outsideHeap}), one given back if there is
     * one of that capacity: memory already touched, where a fresh buffer pays a page fault per 4 KiB on first touch
     * (on the 2-core build VM about 4 ms per MiB, far more than the copy into it). Empty when the JVM's limit on
     * direct memory refuses one: the block is then an array.
     */
    Optional<ByteBuffer> lendBlock(int capacity) {
        synchronized (freeBlocks) {
            ArrayDeque<ByteBuffer> free = freeBlocks.get(capacity);
            if (free != null && !free.isEmpty()) {
                freeBlockBytes -= capacity;
                return Optional.of(free.pop());
            }
        }
        try {
            return Optional.of(ByteBuffer.allocateDirect(capacity));
        } catch (OutOfMemoryError e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps a buffer a store no longer needs (its block spilled, or the store closed) for the next block, while the
     * buffers kept and the payloads charged stay within the limit; beyond that it goes with the collector.
     */
    void takeBackBlock(ByteBuffer block) {
        synchronized (freeBlocks) {
            if (freeBlockBytes + block.capacity() + used() <= limit) {
                freeBlocks.computeIfAbsent(block.capacity(), c -> new ArrayDeque<>()).push(block);
                freeBlockBytes += block.capacity();
            }
        }
    }

    /** Bytes of direct buffers kept for the next blocks outside the heap. */
    public long freeBlockBytes() {
        synchronized (freeBlocks) {
            return freeBlockBytes;
        }
    }

    void register(PayloadStore store) {
        stores.add(store);
    }

    void unregister(PayloadStore store) {
        stores.remove(store);
    }
}
