package dev.framescope.capture;

import static dev.framescope.capture.PlainRecords.W_B0_SHIFT;
import static dev.framescope.capture.PlainRecords.W_LENGTH;
import static dev.framescope.capture.PlainRecords.W_MASKED;
import static dev.framescope.capture.PlainRecords.W_OUT;
import static dev.framescope.capture.PlainRecords.word;

import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The append-only event log of one connection. I/O threads append (a short lock, no copying); the UI, the CLI and
 * exporters read by index at the same time and always see a consistent prefix. Payload bytes go to a
 * {@link PayloadStore}; past the {@link MemoryBudget} they spill to disk, and then the oldest segments of the index
 * itself ({@link EventIndex}), so a capture of any length keeps every event within the budget.
 *
 * <p>Most traffic is plain frames ({@link StreamDissector#plainFrameAt}): whole, unfragmented, uncompressed, no
 * findings. {@link #appendPlainFrames} records those without an object per event — one record of primitives per
 * frame, to which its frame event's and its one-frame message's slots both point, the payload packed into the
 * store — and {@link #get} builds the same {@link CaptureEvent}s the general path would have appended, on demand.
 * A plain frame costs 40 bytes of index (two 4-byte slots and a 32-byte record) besides its payload.
 */
public final class CaptureLog implements AutoCloseable {

    /** What a segment of slots, of event objects and of records keeps (see {@link EventIndex}). */
    static final long SLOT_SEGMENT_COST = EventIndex.SLOT_SEGMENT_COST;
    static final long OBJECT_SEGMENT_COST = EventIndex.OBJECT_SEGMENT_COST;
    static final long RECORD_SEGMENT_COST = EventIndex.RECORD_SEGMENT_COST;
    private static final int SHIFT = EventIndex.SHIFT;
    private static final int MASK = EventIndex.MASK;


    private final long connectionId;
    private final String label;
    private final long nanoAnchor;
    private final Instant wallAnchor;
    private final PayloadStore payloads;
    private final Object lock = new Object();
    /**
     * One slot per event: {@code ~n} for the n-th event object, or {@code record << 1 | isMessage} for a plain
     * frame's frame or message event. Written under the lock, published by {@link #size}; spills past the budget.
     */
    private final EventIndex eventIndex;
    private int objectCount;
    private int recordCount;
    private boolean spillRefused;
    private volatile int size;
    /** How far a window showing this log has read it, or -1 (see {@link #readingAt(int)}). */
    private volatile int readingAt = -1;
    private final Counters counters = new Counters();
    private long indexCharged;
    private boolean released;
    private final boolean live;
    private volatile Secrets secrets = Secrets.NONE;
    /** What the proxy did to a frame or message, by its seq (empty but for intercepted captures). */
    private final Map<Long, CaptureEvent.RelayEvent> relayMarks = new ConcurrentHashMap<>();
    private volatile SetupTree setup = SetupTree.NONE;

    public CaptureLog(long connectionId, String label, PayloadStore payloads) {
        this(connectionId, label, payloads, System::nanoTime);
    }

    /**
     * A live log anchored now on {@code clock}, the clock its events will be stamped with: the engine's, which is a
     * virtual one in tests (an event stamped before the anchor would have a negative time).
     */
    public CaptureLog(long connectionId, String label, PayloadStore payloads, LongSupplier clock) {
        this(connectionId, label, payloads, clock.getAsLong(), Instant.now(), true);
    }

    /** A log whose clock anchor is given (session files loaded from disk keep their original times). */
    public CaptureLog(long connectionId, String label, PayloadStore payloads, long nanoAnchor, Instant wallAnchor) {
        this(connectionId, label, payloads, nanoAnchor, wallAnchor, false);
    }

    /** @param live capturing now: a log loaded from a file gets no notes of its own between its recorded events */
    private CaptureLog(long connectionId, String label, PayloadStore payloads, long nanoAnchor, Instant wallAnchor,
                       boolean live) {
        this.live = live;
        this.connectionId = connectionId;
        this.label = label;
        this.payloads = payloads;
        this.eventIndex = new EventIndex(connectionId, payloads);
        this.nanoAnchor = nanoAnchor;
        this.wallAnchor = wallAnchor;
    }

    public long connectionId() {
        return connectionId;
    }

    /** Captured in this run (a connection, a replay, a mock's client), not loaded from a file. */
    public boolean live() {
        return live;
    }

    /** What the user connected to, e.g. the URL. */
    public String label() {
        return label;
    }

    /** What exports of this connection must hide besides the usual header fields and query tokens. */
    public Secrets secrets() {
        return secrets;
    }

    /** Adds to what exports must hide (the engine learns it when it resolves a connection's variables and auth). */
    public void learn(Secrets more) {
        synchronized (lock) {
            secrets = secrets.plus(more);
        }
    }

    /** How the connection was set up, for the session file; {@link SetupTree#NONE} when unknown. */
    public SetupTree setup() {
        return setup;
    }

    public void setSetup(SetupTree how) {
        this.setup = how;
    }

    public PayloadStore payloads() {
        return payloads;
    }

    public long nanoAnchor() {
        return nanoAnchor;
    }

    public Instant wallAnchor() {
        return wallAnchor;
    }

    /** Wall-clock time of a monotonic timestamp of this log. */
    public Instant wallClock(long nanos) {
        return wallAnchor.plusNanos(nanos - nanoAnchor);
    }

    /** Seconds since the log began. */
    public double secondsSinceStart(long nanos) {
        return (nanos - nanoAnchor) / 1e9;
    }

    /** Appends the event the factory builds with its stamp (sequence number = index); returns it. */
    public <E extends CaptureEvent> E append(long nanos, Function<Stamp, E> factory) {
        synchronized (lock) {
            int index = size;
            E event = factory.apply(new Stamp(connectionId, index, nanos));
            long eventCost = IndexCost.of(event);
            long cost = eventCost + eventIndex.putSlot(index, ~objectCount);
            cost += eventIndex.putObject(objectCount++, event, eventCost);
            counters.count(event);
            if (event instanceof CaptureEvent.RelayEvent r) {
                r.marked().forEach(seq -> relayMarks.put(seq, r));
            }
            size = index + 1;
            charge(cost, nanos, index + 1);
            return event;
        }
    }

    /**
     * Appends the events {@code build} makes, given the first one's sequence number, with nothing between them:
     * events that refer to each other by sequence number (a {@link CaptureEvent.RelayEvent} before the frames it
     * marks).
     */
    public List<CaptureEvent> appendRun(long nanos, java.util.function.LongFunction<List<Function<Stamp,
            CaptureEvent>>> build) {
        synchronized (lock) {
            List<CaptureEvent> out = new ArrayList<>();
            for (Function<Stamp, CaptureEvent> f : build.apply(size)) {
                out.add(append(nanos, f));
            }
            return out;
        }
    }

    /**
     * Records a run of {@linkplain StreamDissector#takePlainFrames plain frames} — each a frame event and a
     * one-frame message event, kept compact — all stamped {@code nanos}. The dissector that found them has already
     * accounted for them; the log only reads the run.
     */
    public void appendPlainFrames(long nanos, PlainFrames run) {
        int n = run.count();
        if (n == 0) {
            return;
        }
        int dirBit = run.sender() == Sender.CLIENT ? W_OUT : 0;
        byte[] array = run.array();
        synchronized (lock) {
            int index = size;
            int rec = recordCount;
            int first = run.frameStart(0);
            int last = run.frameStart(n - 1) + run.headerBytes(n - 1) + run.payloadLength(n - 1);
            // The run's bytes in one copy, headers included; a client's payloads stay masked, as they lie (Packed
            // unmasks them when read), so the I/O thread neither unmasks nor copies frame by frame.
            long base = payloads.pack(array, first, last - first) - first;
            int[] slots = null;
            int slotsEnd = 0;
            long[] records = null;
            int recordsEnd = 0;
            for (int i = 0; i < n; i++) {
                int at = run.frameStart(i);
                int length = run.payloadLength(i);
                int flags = length | (array[at] & 0xFF) << W_B0_SHIFT | (array[at + 1] < 0 ? W_MASKED : 0) | dirBit;
                if (rec >= recordsEnd) {
                    records = eventIndex.recordSegment(rec);
                    recordsEnd = (rec | MASK) + 1;
                }
                int r = (rec & MASK) << 2;
                records[r] = nanos;
                records[r + 1] = run.streamOffset(i);
                records[r + 2] = length == 0 ? 0 : base + at + run.headerBytes(i);
                records[r + 3] = word(run.maskingKey(i), flags);
                for (int message = 0; message < 2; message++) {
                    if (index >= slotsEnd) {
                        slots = eventIndex.slotSegment(index);
                        slotsEnd = (index | MASK) + 1;
                    }
                    slots[index++ & MASK] = rec << 1 | message;
                }
                rec++;
            }
            long cost = eventIndex.takeAllocated();
            recordCount = rec;
            size = index;
            counters.countPlain(dirBit == 0, n, run.payloadBytes());
            charge(cost, nanos, index);
        }
    }


    /**
     * Records one plain server frame read back from a session file — its frame event and one-frame message event —
     * as compactly as {@link #appendPlainFrames} records a live one.
     *
     * @param header a whole, unmasked, uncompressed TEXT or BINARY frame's header, with minimal length encoding
     */
    public void appendPlainFrame(long nanos, FrameHeader header, byte[] payload) {
        if (header.masked() || payload.length > W_LENGTH
                || header.lengthEncoding() != LengthEncoding.minimalFor(payload.length)) {
            throw new IllegalArgumentException("not a plain server frame: " + header);
        }
        synchronized (lock) {
            int index = size;
            long ref = payload.length == 0 ? 0 : payloads.pack(payload, 0, payload.length);
            int rec = recordCount++;
            long cost = eventIndex.putRecord(rec, nanos, header.streamOffset(), ref,
                    word(0, payload.length | header.firstByte() << W_B0_SHIFT));
            cost += eventIndex.putSlot(index++, rec << 1);
            cost += eventIndex.putSlot(index++, rec << 1 | 1);
            size = index;
            counters.countPlain(true, 1, payload.length);
            charge(cost, nanos, index);
        }
    }

    /**
     * Charges index cost to the budget. Payloads on the heap make way first ({@link MemoryBudget#chargeIndex});
     * when index + payloads still pass the budget, the oldest full segments of this log's index go to its spill
     * file. If the disk refuses, a live log says so once and keeps capturing on the heap. Under the lock.
     */
    private void charge(long cost, long nanos, int events) {
        if (cost == 0 || released) {
            return;
        }
        indexCharged += cost;
        MemoryBudget b = payloads.budget();
        b.chargeIndex(cost);
        long over = b.used() - b.limit();
        if (over <= 0 || spillRefused) {
            return;
        }
        try {
            long freed = eventIndex.spill(Math.max(over, SPILL_AT_LEAST), size, recordCount, objectCount);
            indexCharged -= freed;
            b.releaseIndex(freed);
        } catch (IOException e) {
            spillRefused = true;
            if (live) {
                append(nanos, st -> new CaptureEvent.NoteEvent(st, Severity.WARNING, String.format(
                        "the capture index passed its memory budget of %d MiB (%,d events in this connection) and"
                                + " could not move to disk (%s): it keeps growing on the heap",
                        b.limit() >> 20, events, e.getMessage())));
            }
        }
    }

    /** Index segments move to disk a megabyte or more at a time, not one per event. */
    private static final long SPILL_AT_LEAST = 1L << 20;

    /** Index segments in the spill file (slots, records and event objects together); for tests and benches. */
    public int spilledIndexSegments() {
        synchronized (lock) {
            return eventIndex.spilledSegments();
        }
    }

    public int size() {
        return size;
    }

    /** What the intercepting proxy did to the frame or message event {@code seq}, if anything. */
    public Optional<CaptureEvent.RelayEvent> relayMark(long seq) {
        return relayMarks.isEmpty() ? Optional.empty() : Optional.ofNullable(relayMarks.get(seq));
    }

    /** Whether the proxy edited, injected or held back any message of this capture. */
    public boolean hasRelayMarks() {
        return !relayMarks.isEmpty();
    }

    public CaptureEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("event " + index + " of " + size);
        }
        return event(index);
    }

    private CaptureEvent event(int at) {
        int value = eventIndex.slot(at);
        if (value < 0) {
            return eventIndex.object(~value);
        }
        int rec = value >>> 1;
        return PlainRecords.expand(connectionId, payloads, eventIndex.records(rec), rec & MASK, (value & 1) != 0, at);
    }


    /** Up to {@code max} events from {@code from} on: what a consumer drains in one batch. */
    public List<CaptureEvent> readFrom(int from, int max) {
        int end = (int) Math.min(size, (long) from + max);
        List<CaptureEvent> out = new ArrayList<>(Math.max(0, end - from));
        for (int i = from; i < end; i++) {
            out.add(event(i));
        }
        return out;
    }

    /**
     * Visits events from {@code from} on, as {@link #readFrom} would read them, but without building a plain frame's
     * events (see {@link EventVisitor#plain}): at most {@code max}, and no more once {@code maxEvents} of them were
     * other events. Returns how many it visited.
     */
    public int visit(int from, int max, int maxEvents, EventVisitor visitor) {
        int end = (int) Math.min(size, (long) from + max);
        EventIndex.Records records = null;
        int segment = -1;
        int events = 0;
        int i = from;
        while (i < end && events < maxEvents) {
            int value = eventIndex.slot(i);
            if (value < 0) {
                visitor.event(eventIndex.object(~value));
                events++;
            } else {
                int rec = value >>> 1;
                if (rec >>> SHIFT != segment) {
                    records = eventIndex.records(rec);
                    segment = rec >>> SHIFT;
                }
                PlainRecords.visit(records, rec & MASK, (value & 1) != 0, i, visitor);
            }
            i++;
        }
        return i - from;
    }

    /**
     * A window showing this log has read its events up to {@code events} (-1: it no longer shows it). A loader
     * appending from a file paces itself to this ({@link #readingAt()}): far ahead, it would move to disk what the
     * window is about to read.
     */
    public void readingAt(int events) {
        readingAt = events;
    }

    public int readingAt() {
        return readingAt;
    }

    /** The handshake is among a connection's first events; no need to look further for it. */
    private static final int HANDSHAKE_SEARCH = 64;

    /** The negotiated {@code Sec-WebSocket-Protocol}, once the handshake is in the log. */
    public Optional<String> subprotocol() {
        int n = Math.min(size, HANDSHAKE_SEARCH);
        for (int i = 0; i < n; i++) {
            if (get(i) instanceof CaptureEvent.HandshakeEvent h) {
                return h.subprotocol();
            }
        }
        return Optional.empty();
    }

    public Counters.Snapshot counters() {
        return counters.snapshot();
    }

    /**
     * The window let go of this log: its share of the memory budget goes back, while its events and payloads stay
     * readable for whoever still holds it (see {@link PayloadStore#release}).
     */
    public void release() {
        payloads.release();
        synchronized (lock) {
            released = true;
            payloads.budget().releaseIndex(indexCharged);
            indexCharged = 0;
        }
    }

    /**
     * {@link #release} after moving the payloads on the heap to the spill file: a log the window keeps aside, to
     * restore on request, costs its index and at most one open block of heap meanwhile. For an ended capture; file
     * I/O, so never on the UI thread.
     */
    public void setAside() {
        payloads.spillAll();
        release();
    }

    /** Ends the log: its spill file is deleted and its share of the memory budget given back. */
    @Override
    public void close() {
        payloads.close();
        synchronized (lock) {
            payloads.budget().releaseIndex(indexCharged);
            indexCharged = 0;
        }
    }
}
