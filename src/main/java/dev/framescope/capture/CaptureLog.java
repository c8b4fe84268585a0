package dev.framescope.capture;

import dev.framescope.wire.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The append-only event log of one connection. I/O threads append (a short lock, no copying); the UI, the CLI and
 * exporters read by index at the same time and always see a consistent prefix. Payload bytes go to a
 * {@link PayloadStore} so the index stays small when payloads spill to disk.
 */
public final class CaptureLog implements AutoCloseable {

    private static final int SEGMENT = 4096;

    private final long connectionId;
    private final String label;
    private final long nanoAnchor;
    private final Instant wallAnchor;
    private final PayloadStore payloads;
    private final Object lock = new Object();
    private volatile CaptureEvent[][] segments = new CaptureEvent[16][];
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
            CaptureEvent[][] segs = segments;
            int s = index / SEGMENT;
            if (s == segs.length) {
                CaptureEvent[][] grown = new CaptureEvent[segs.length * 2][];
                System.arraycopy(segs, 0, grown, 0, segs.length);
                segs = grown;
                segments = grown;
            }
            if (segs[s] == null) {
                segs[s] = new CaptureEvent[SEGMENT];
            }
            segs[s][index % SEGMENT] = event;
            counters.count(event);
            size = index + 1;
            long cost = IndexCost.of(event);
            indexCharged += cost;
            if (payloads.budget().chargeIndex(cost) && live) {
                MemoryBudget b = payloads.budget();
                append(nanos, st -> new CaptureEvent.NoteEvent(st, Severity.WARNING, String.format(
                        "the capture index passed its memory budget of %d MiB (%,d events in this connection):"
                                + " payloads go to disk now, but the index keeps growing on the heap",
                        b.limit() >> 20, index + 1)));
            }
            return event;
        }
    }

    public int size() {
        return size;
    }

    public CaptureEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("event " + index + " of " + size);
        }
        return segments[index / SEGMENT][index % SEGMENT];
    }

    /** Up to {@code max} events from {@code from} on: what a consumer drains in one batch. */
    public List<CaptureEvent> readFrom(int from, int max) {
        int end = (int) Math.min(size, (long) from + max);
        List<CaptureEvent> out = new ArrayList<>(Math.max(0, end - from));
        CaptureEvent[][] segs = segments;
        for (int i = from; i < end; i++) {
            out.add(segs[i / SEGMENT][i % SEGMENT]);
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
