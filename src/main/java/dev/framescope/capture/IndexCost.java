package dev.framescope.capture;

/**
 * What an event keeps on the heap besides payload bytes held by the {@link PayloadStore} (those are charged there):
 * the event record, its stamp, header records and small arrays, counted for a 64-bit JVM with compressed
 * references (12-byte object headers, 8-byte alignment). An estimate kept on the high side; LoadBench compares it
 * with the measured heap.
 */
final class IndexCost {

    /** FrameEvent 56 + Stamp 40 + FrameHeader 48 + payload handle 32 + payload array header 16. */
    static final int FRAME = 192;
    /** MessageEvent 32 + Stamp 40 + Message 64 (its payload handle is usually the frame's). */
    static final int MESSAGE = 136;
    /** A record with a stamp and a few fields. */
    static final int SMALL = 96;
    /** A finding: record, detail string. */
    static final int FINDING = 96;

    private IndexCost() {
    }

    static long of(CaptureEvent event) {
        long findings = (long) FINDING * event.findings().size();
        if (event instanceof CaptureEvent.FrameEvent) {
            return FRAME + findings;
        }
        if (event instanceof CaptureEvent.MessageEvent) {
            return MESSAGE + findings;
        }
        if (event instanceof CaptureEvent.HandshakeEvent h) {
            return SMALL + 256 + h.rawRequest().length + h.rawResponse().length + h.responseBody().length + findings;
        }
        if (event instanceof CaptureEvent.HeartbeatEvent h) {
            return SMALL + 16 + h.payload().length;
        }
        if (event instanceof CaptureEvent.NoteEvent n) {
            return SMALL + 2L * n.text().length();
        }
        if (event instanceof CaptureEvent.TlsEvent t) {
            return SMALL + t.peerChain().stream().mapToLong(c -> 40 + 2L * c.length()).sum();
        }
        return SMALL + findings;
    }
}
