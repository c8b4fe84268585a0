package dev.framescope.capture;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The index of a {@link CaptureLog}, in segments of 4096: one int slot per event, a record of primitives per plain
 * frame, the event objects of the general path. Segments live on the heap until the memory budget needs their
 * room; then the oldest full ones move to the log's spill file (the {@link PayloadStore}'s, after the payloads)
 * and are read back a segment at a time when someone reads an event there, through a small cache, so reading rows
 * next to each other (a table's viewport, an export's batch) reads each segment once.
 *
 * <p>The log writes and spills under its lock; readers take no lock. A segment's data is published through a
 * volatile field, its spill position before the data is dropped, so a reader that finds no data finds the
 * position. A spilled segment carries a CRC-32C: a spill file cut short, removed or damaged is reported as such
 * ({@link UncheckedIOException} naming the file and the events), never read as other events.
 */
final class EventIndex {

    static final int SHIFT = 12;
    static final int SEGMENT = 1 << SHIFT;
    static final int MASK = SEGMENT - 1;
    /** What a segment of slots, of event objects and of records keeps, array headers and holder included. */
    static final long SLOT_SEGMENT_COST = SEGMENT * 4L + 16 + 32;
    static final long OBJECT_SEGMENT_COST = SEGMENT * 4L + 16 + 32;
    static final long RECORD_SEGMENT_COST = SEGMENT * (long) Records.BYTES + 16 + 32 + 32;

    private static final int SLOTS = 0;
    private static final int RECORDS = 1;
    private static final int OBJECTS = 2;
    private static final String[] KIND_NAMES = {"event slots", "plain frames", "events"};
    /** Segments read back and kept, per kind: a viewport or a batch spans one or two. */
    private static final int CACHED = 4;

    private final long connectionId;
    private final PayloadStore store;
    private final EventCodec codec;
    @SuppressWarnings("unchecked")
    private volatile Segment<int[]>[] slots = new Segment[16];
    @SuppressWarnings("unchecked")
    private volatile Segment<Records>[] records = new Segment[16];
    @SuppressWarnings("unchecked")
    private volatile Segment<CaptureEvent[]>[] objects = new Segment[16];
    /** Events {@link EventCodec} does not encode, of spilled object segments, by object number. */
    private final Map<Integer, CaptureEvent> pinned = new ConcurrentHashMap<>();
    /** Per kind: the next segment to spill (all before it are spilled). Guarded by the log's lock. */
    private final int[] spilledUpTo = new int[3];
    @SuppressWarnings("unchecked")
    private final Cached<Object>[][] cache = new Cached[3][CACHED];
    private final int[] cacheNext = new int[3];
    /** Cost of segments allocated for a run, not yet returned ({@link #takeAllocated}); under the log's lock. */
    private long allocated;

    EventIndex(long connectionId, PayloadStore store) {
        this.connectionId = connectionId;
        this.store = store;
        this.codec = new EventCodec(connectionId, store);
    }

    // ---- writing, under the log's lock; each returns the cost of a segment it had to allocate ----

    long putSlot(int index, int value) {
        Segment<int[]>[] all = slots;
        if (index >>> SHIFT >= all.length) {
            all = slots = Arrays.copyOf(all, all.length * 2);
        }
        Segment<int[]> seg = all[index >>> SHIFT];
        long cost = 0;
        if (seg == null) {
            seg = all[index >>> SHIFT] = new Segment<>(new int[SEGMENT], SLOT_SEGMENT_COST);
            cost = SLOT_SEGMENT_COST;
        }
        seg.data[index & MASK] = value;
        return cost;
    }

    /**
     * The array of the slot segment that holds {@code index}, allocated when new (its cost is added to
     * {@link #takeAllocated}): for a writer that fills a run of slots without a call per slot.
     */
    int[] slotSegment(int index) {
        Segment<int[]>[] all = slots;
        if (index >>> SHIFT >= all.length) {
            all = slots = Arrays.copyOf(all, all.length * 2);
        }
        Segment<int[]> seg = all[index >>> SHIFT];
        if (seg == null) {
            seg = all[index >>> SHIFT] = new Segment<>(new int[SEGMENT], SLOT_SEGMENT_COST);
            allocated += SLOT_SEGMENT_COST;
        }
        return seg.data;
    }

    /** As {@link #slotSegment}, for the records: record {@code rec}'s four longs start at {@code (rec & MASK) * 4}. */
    long[] recordSegment(int rec) {
        Segment<Records>[] all = records;
        if (rec >>> SHIFT >= all.length) {
            all = records = Arrays.copyOf(all, all.length * 2);
        }
        Segment<Records> seg = all[rec >>> SHIFT];
        if (seg == null) {
            seg = all[rec >>> SHIFT] = new Segment<>(new Records(), RECORD_SEGMENT_COST);
            allocated += RECORD_SEGMENT_COST;
        }
        return seg.data.data;
    }

    /** The cost of the segments {@link #slotSegment} and {@link #recordSegment} allocated since the last call. */
    long takeAllocated() {
        long cost = allocated;
        allocated = 0;
        return cost;
    }

    /** @param word the frame's first byte, direction, masking key and length ({@link CaptureLog}'s layout) */
    long putRecord(int rec, long nanos, long streamOffset, long ref, long word) {
        Segment<Records>[] all = records;
        if (rec >>> SHIFT >= all.length) {
            all = records = Arrays.copyOf(all, all.length * 2);
        }
        Segment<Records> seg = all[rec >>> SHIFT];
        long cost = 0;
        if (seg == null) {
            seg = all[rec >>> SHIFT] = new Segment<>(new Records(), RECORD_SEGMENT_COST);
            cost = RECORD_SEGMENT_COST;
        }
        seg.data.put(rec & MASK, nanos, streamOffset, ref, word);
        return cost;
    }

    /** @param eventCost what the event itself is charged ({@link IndexCost}); given back when its segment spills */
    long putObject(int o, CaptureEvent event, long eventCost) {
        Segment<CaptureEvent[]>[] all = objects;
        if (o >>> SHIFT >= all.length) {
            all = objects = Arrays.copyOf(all, all.length * 2);
        }
        Segment<CaptureEvent[]> seg = all[o >>> SHIFT];
        long cost = 0;
        if (seg == null) {
            seg = all[o >>> SHIFT] = new Segment<>(new CaptureEvent[SEGMENT], OBJECT_SEGMENT_COST);
            cost = OBJECT_SEGMENT_COST;
        }
        seg.data[o & MASK] = event;
        seg.cost += eventCost;
        return cost;
    }

    // ---- reading, without a lock ----

    int slot(int index) {
        Segment<int[]> seg = slots[index >>> SHIFT];
        int[] data = seg.data;
        if (data == null) {
            data = (int[]) readBack(SLOTS, index >>> SHIFT, seg);
        }
        return data[index & MASK];
    }

    Records records(int rec) {
        Segment<Records> seg = records[rec >>> SHIFT];
        Records data = seg.data;
        return data != null ? data : (Records) readBack(RECORDS, rec >>> SHIFT, seg);
    }

    CaptureEvent object(int o) {
        Segment<CaptureEvent[]> seg = objects[o >>> SHIFT];
        CaptureEvent[] data = seg.data;
        if (data == null) {
            data = (CaptureEvent[]) readBack(OBJECTS, o >>> SHIFT, seg);
        }
        CaptureEvent e = data[o & MASK];
        return e != null ? e : pinned.get(o);
    }

    /** Segments on the heap vs in the spill file, for tests and the bench. */
    int spilledSegments() {
        return spilledUpTo[SLOTS] + spilledUpTo[RECORDS] + spilledUpTo[OBJECTS];
    }

    // ---- spilling, under the log's lock ----

    /**
     * Moves the oldest full segments to the spill file, in turn per kind, until {@code bytes} of charged index are
     * freed or none is left; returns what was freed. A segment the disk refused stays on the heap.
     *
     * @param size events, records and objects written so far: a segment is full when all its 4096 are written
     */
    long spill(long bytes, int size, int recordCount, int objectCount) throws IOException {
        long freed = 0;
        int[] written = {size, recordCount, objectCount};
        boolean any = true;
        while (freed < bytes && any) {
            any = false;
            for (int kind = 0; kind < 3 && freed < bytes; kind++) {
                int s = spilledUpTo[kind];
                if ((long) (s + 1) << SHIFT > written[kind]) {
                    continue;
                }
                freed += spillSegment(kind, s);
                spilledUpTo[kind] = s + 1;
                any = true;
            }
        }
        return freed;
    }

    private long spillSegment(int kind, int s) throws IOException {
        Segment<?> seg = kind == SLOTS ? slots[s] : kind == RECORDS ? records[s] : objects[s];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(kind == SLOTS ? SEGMENT * 4 + 16 : SEGMENT * 32);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(kind);
        out.writeInt(s);
        if (kind == SLOTS) {
            for (int v : (int[]) seg.data) {
                out.writeInt(v);
            }
        } else if (kind == RECORDS) {
            for (long v : ((Records) seg.data).data) {
                out.writeLong(v);
            }
        } else {
            CaptureEvent[] events = (CaptureEvent[]) seg.data;
            for (int i = 0; i < SEGMENT; i++) {
                boolean encoded = EventCodec.encodes(events[i]);
                out.writeBoolean(encoded);
                if (encoded) {
                    codec.write(events[i], out);
                }
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray(), 0, bytes.size());
        out.writeInt((int) crc.getValue());
        long position = store.appendSpilled(bytes.toByteArray(), bytes.size());
        if (position < 0) {
            throw new IOException("the disk refused the spill file " + store.spillFile());
        }
        if (kind == OBJECTS) {
            CaptureEvent[] events = (CaptureEvent[]) seg.data;
            for (int i = 0; i < SEGMENT; i++) {
                if (!EventCodec.encodes(events[i])) {
                    pinned.put(s << SHIFT | i, events[i]);
                }
            }
        }
        seg.spilled(position, bytes.size());
        return seg.cost - (kind == OBJECTS ? pinnedCost(s) : 0);
    }

    /** What the pinned events of object segment {@code s} were charged: they stay on the heap. */
    private long pinnedCost(int s) {
        long cost = 0;
        for (int i = 0; i < SEGMENT; i++) {
            CaptureEvent e = pinned.get(s << SHIFT | i);
            if (e != null) {
                cost += IndexCost.of(e);
            }
        }
        return cost;
    }

    private Object readBack(int kind, int s, Segment<?> seg) {
        Cached<Object>[] mine = cache[kind];
        for (Cached<Object> c : mine) {
            if (c != null && c.segment == s) {
                return c.data;
            }
        }
        Object data;
        try {
            data = decode(kind, s, store.readSpilled(seg.position, seg.length));
        } catch (IOException e) {
            throw new UncheckedIOException("the capture's spill file " + store.spillFile() + " was "
                    + (e instanceof EOFException ? "cut short or removed" : "damaged") + ": "
                    + KIND_NAMES[kind] + " " + ((long) s << SHIFT) + "–" + (((long) s + 1 << SHIFT) - 1)
                    + " of connection " + connectionId + " cannot be read back", e);
        }
        synchronized (mine) {
            mine[cacheNext[kind]++ % CACHED] = new Cached<>(s, data);
        }
        return data;
    }

    private Object decode(int kind, int s, byte[] bytes) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw new IOException("checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4));
        if (in.readByte() != kind || in.readInt() != s) {
            throw new IOException("another segment at this position");
        }
        if (kind == SLOTS) {
            int[] data = new int[SEGMENT];
            for (int i = 0; i < SEGMENT; i++) {
                data[i] = in.readInt();
            }
            return data;
        }
        if (kind == RECORDS) {
            Records r = new Records();
            for (int i = 0; i < r.data.length; i++) {
                r.data[i] = in.readLong();
            }
            return r;
        }
        CaptureEvent[] events = new CaptureEvent[SEGMENT];
        for (int i = 0; i < SEGMENT; i++) {
            events[i] = in.readBoolean() ? codec.read(in) : pinned.get(s << SHIFT | i);
        }
        return events;
    }

    /** One segment: its data on the heap, or where it lies in the spill file. */
    private static final class Segment<T> {
        volatile T data;
        volatile long position = -1;
        volatile int length;
        /** What it is charged to the budget; guarded by the log's lock. */
        long cost;

        Segment(T data, long cost) {
            this.data = data;
            this.cost = cost;
        }

        /** Position first, then drop the data: a reader that sees no data always finds the position. */
        void spilled(long at, int bytes) {
            length = bytes;
            position = at;
            data = null;
        }
    }

    private record Cached<T>(int segment, T data) {
    }

    /**
     * 4096 plain frames: when each came, where it was, where its payload is packed, and a word for the rest (its
     * first byte, direction, masking key and length). One array, a record's four longs side by side: one allocation
     * per segment, and a frame's record is written to one place.
     */
    static final class Records {
        static final int BYTES = 4 * Long.BYTES;
        final long[] data = new long[SEGMENT * 4];

        void put(int i, long nanos, long offset, long ref, long word) {
            int at = i << 2;
            data[at] = nanos;
            data[at + 1] = offset;
            data[at + 2] = ref;
            data[at + 3] = word;
        }

        long nanos(int i) {
            return data[i << 2];
        }

        long offset(int i) {
            return data[(i << 2) + 1];
        }

        long ref(int i) {
            return data[(i << 2) + 2];
        }

        long word(int i) {
            return data[(i << 2) + 3];
        }
    }
}
