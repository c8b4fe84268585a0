package dev.framescope.capture;

import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The append-only event log of one connection. I/O threads append (a short lock, no copying); the UI, the CLI and
 * exporters read by index at the same time and always see a consistent prefix. Payload bytes go to a
 * {@link PayloadStore} so the index stays small when payloads spill to disk.
 *
 * <p>Most traffic is plain frames ({@link StreamDissector#plainFrameAt}): whole, unfragmented, uncompressed, no
 * findings. {@link #appendPlainFrames} records those without an object per event — a frame and its one-frame message
 * are a few primitives each in the log's slot arrays, their payload packed into the store — and {@link #get} builds
 * the same {@link CaptureEvent}s the general path would have appended, on demand.
 */
public final class CaptureLog implements AutoCloseable {

    private static final int SEGMENT = 4096;
    /** The slot arrays of a segment's compact events: meta, nanos, offset, ref, length. */
    private static final long COMPACT_SEGMENT_COST = SEGMENT * (4L + 8 + 8 + 8 + 4) + 5 * 16;

    /** Compact slot meta: the frame's first two bytes, then what the slot is. */
    private static final int META_OUT = 1 << 16;
    private static final int META_MESSAGE = 1 << 17;
    private static final java.util.Optional<Opcode> TEXT = java.util.Optional.of(Opcode.TEXT);
    private static final java.util.Optional<Opcode> BINARY = java.util.Optional.of(Opcode.BINARY);

    private final long connectionId;
    private final String label;
    private final long nanoAnchor;
    private final Instant wallAnchor;
    private final PayloadStore payloads;
    private final Object lock = new Object();
    private volatile Segment[] segments = new Segment[16];
    private volatile int size;
    private final Counters counters = new Counters();
    private long indexCharged;
    private final boolean live;
    private volatile Secrets secrets = Secrets.NONE;
    private volatile Setup setup = Setup.NONE;

    public CaptureLog(long connectionId, String label, PayloadStore payloads) {
        this(connectionId, label, payloads, System.nanoTime(), Instant.now(), true);
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
        this.nanoAnchor = nanoAnchor;
        this.wallAnchor = wallAnchor;
    }

    public long connectionId() {
        return connectionId;
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

    /** How the connection was set up, for the session file; {@link Setup#NONE} when unknown. */
    public Setup setup() {
        return setup;
    }

    public void setSetup(Setup how) {
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
            segment(index).events[index % SEGMENT] = event;
            counters.count(event);
            size = index + 1;
            charge(IndexCost.of(event), nanos, index + 1);
            return event;
        }
    }

    /**
     * Records every {@linkplain StreamDissector#plainFrameAt plain frame} at {@code in}'s position — each a frame
     * event and a one-frame message event, kept compact — tells the dissector, and moves {@code in} past them.
     *
     * @return the bytes consumed (0 when the next frame is not plain)
     */
    public int appendPlainFrames(long nanos, StreamDissector dissector, ByteBuffer in) {
        long plain = dissector.plainFrameAt(in);
        if (plain < 0) {
            return 0;
        }
        int start = in.position();
        int dirBit = dissector.sender() == Sender.CLIENT ? META_OUT : 0;
        byte[] array = in.array();
        int base = in.arrayOffset();
        synchronized (lock) {
            int index = size;
            long cost = 0;
            long frames = 0;
            long bytes = 0;
            long streamOffset = dissector.streamOffset();
            do {
                int at = in.position();
                int header = (int) (plain >>> 32);
                int length = (int) plain;
                long ref = length == 0 ? 0 : payloads.pack(array, base + at + header, length);
                int meta = (array[base + at] & 0xFF) | (array[base + at + 1] & 0xFF) << 8 | dirBit;
                cost += compact(index++, meta, nanos, streamOffset, ref, length);
                cost += compact(index++, meta | META_MESSAGE, nanos, streamOffset, ref, length);
                dissector.skipPlainFrame(plain);
                in.position(at + header + length);
                streamOffset += header + length;
                frames++;
                bytes += length;
            } while ((plain = dissector.plainFrameAt(in)) >= 0);
            size = index;
            counters.countPlain(dirBit == 0, frames, bytes);
            charge(cost, nanos, index);
        }
        return in.position() - start;
    }

    /** Writes a compact slot; returns the index cost of slot arrays it had to allocate. */
    private long compact(int index, int meta, long nanos, long streamOffset, long ref, int length) {
        Segment seg = segment(index);
        long cost = 0;
        if (seg.meta == null) {
            seg.allocateCompact();
            cost = COMPACT_SEGMENT_COST;
        }
        int i = index % SEGMENT;
        seg.meta[i] = meta;
        seg.nanos[i] = nanos;
        seg.offset[i] = streamOffset;
        seg.ref[i] = ref;
        seg.length[i] = length;
        return cost;
    }

    /** The segment holding slot {@code index}, allocated (and the segment table grown) as needed; under the lock. */
    private Segment segment(int index) {
        Segment[] segs = segments;
        int s = index / SEGMENT;
        if (s == segs.length) {
            segs = java.util.Arrays.copyOf(segs, segs.length * 2);
            segments = segs;
        }
        if (segs[s] == null) {
            segs[s] = new Segment();
        }
        return segs[s];
    }

    /** Charges index cost to the budget; once, when the index alone passes it, a live log says so. Under the lock. */
    private void charge(long cost, long nanos, int events) {
        if (cost == 0) {
            return;
        }
        indexCharged += cost;
        if (payloads.budget().chargeIndex(cost) && live) {
            MemoryBudget b = payloads.budget();
            append(nanos, st -> new CaptureEvent.NoteEvent(st, Severity.WARNING, String.format(
                    "the capture index passed its memory budget of %d MiB (%,d events in this connection):"
                            + " payloads go to disk now, but the index keeps growing on the heap",
                    b.limit() >> 20, events)));
        }
    }

    public int size() {
        return size;
    }

    public CaptureEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("event " + index + " of " + size);
        }
        return event(segments, index);
    }

    private CaptureEvent event(Segment[] segs, int index) {
        Segment seg = segs[index / SEGMENT];
        int i = index % SEGMENT;
        CaptureEvent e = seg.events[i];
        return e != null ? e : expand(seg, i, index);
    }

    /** The event a compact slot stands for, exactly as the general path would have recorded it. */
    private CaptureEvent expand(Segment seg, int i, int index) {
        int meta = seg.meta[i];
        Stamp stamp = new Stamp(connectionId, index, seg.nanos[i]);
        Direction dir = (meta & META_OUT) != 0 ? Direction.OUT : Direction.IN;
        int b0 = meta & 0xFF;
        int b1 = meta >>> 8 & 0xFF;
        Opcode opcode = Opcode.of(b0 & FrameHeader.B0_MASK_OPCODE);
        int length = seg.length[i];
        long offset = seg.offset[i];
        Payload payload = payloads.packed(seg.ref[i], length);
        if ((meta & META_MESSAGE) != 0) {
            Message message = new Message(dir == Direction.IN ? Sender.SERVER : Sender.CLIENT, opcode, offset, 1,
                    length, false, length, NO_BYTES, List.of());
            return new CaptureEvent.MessageEvent(stamp, dir, message, payload);
        }
        int len7 = b1 & FrameHeader.B1_MASK_LENGTH;
        LengthEncoding encoding = len7 == FrameHeader.LENGTH_16_MARKER ? LengthEncoding.EXTENDED_16
                : len7 == FrameHeader.LENGTH_64_MARKER ? LengthEncoding.EXTENDED_64 : LengthEncoding.SEVEN_BIT;
        FrameHeader header = new FrameHeader((b0 & FrameHeader.B0_FLAG_FIN) != 0, (b0 & FrameHeader.B0_FLAG_RSV1) != 0,
                (b0 & FrameHeader.B0_FLAG_RSV2) != 0, (b0 & FrameHeader.B0_FLAG_RSV3) != 0, opcode, false, 0, length,
                encoding, offset);
        return new CaptureEvent.FrameEvent(stamp, dir, header, 0, true, payload,
                opcode == Opcode.TEXT ? TEXT : BINARY, java.util.Optional.empty(), List.of());
    }

    private static final byte[] NO_BYTES = new byte[0];

    /** 4096 slots: an event object each, or (allocated with the first compact event) a compact record. */
    private static final class Segment {
        final CaptureEvent[] events = new CaptureEvent[SEGMENT];
        int[] meta;
        long[] nanos;
        long[] offset;
        long[] ref;
        int[] length;

        void allocateCompact() {
            nanos = new long[SEGMENT];
            offset = new long[SEGMENT];
            ref = new long[SEGMENT];
            length = new int[SEGMENT];
            meta = new int[SEGMENT];
        }
    }

    /** Up to {@code max} events from {@code from} on: what a consumer drains in one batch. */
    public List<CaptureEvent> readFrom(int from, int max) {
        int end = (int) Math.min(size, (long) from + max);
        List<CaptureEvent> out = new ArrayList<>(Math.max(0, end - from));
        Segment[] segs = segments;
        for (int i = from; i < end; i++) {
            out.add(event(segs, i));
        }
        return out;
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
