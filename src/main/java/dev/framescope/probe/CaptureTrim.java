package dev.framescope.probe;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Counters;
import dev.framescope.capture.Payload;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.Stamp;
import dev.framescope.wire.Severity;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a finished case's capture to its beginning and its end, so a run keeps every case's capture without keeping
 * every echo: a 12.* or 13.* case sends 1000 messages of up to 128 KiB each way, about 250 MB of payload, and 216 of
 * them held whole ran the heap out or filled the disk with spill files. Autobahn keeps no wire log for the echo
 * traffic of these cases either (its {@code case12_x_x.py} calls {@code enableWirelog(False)} on open and turns it
 * back on for the failure or the close; {@code case9_*.py} set {@code createWirelog = False}).
 *
 * <p>The cut keeps the first events (the upgrade, the negotiation, the first messages) and the last ones (the last
 * messages, a failed echo, the close), each part up to an event count and a payload size, with a note between them
 * that says what was left out. The grade is unchanged: it was made from everything the case observed before the cut.
 * The full capture is closed: its spill file deleted, its memory given back.
 */
final class CaptureTrim {

    static final int PART_EVENTS = 200;
    static final long PART_BYTES = 256L << 10;
    private static final int BATCH = 4096;

    private CaptureTrim() {
    }

    /** The case with its capture cut, or as it was when the capture is small; a cut closes the full capture. */
    static CaseResult trim(CaseResult r) {
        CaptureLog full = r.log();
        int size = full.size();
        int head = headEnd(full, size);
        int tail = tailStart(full, size, head);
        if (tail <= head) {
            return r;
        }
        CaptureLog cut = new CaptureLog(full.connectionId(), full.label(), new PayloadStore(2 * PART_BYTES + 1),
                full.nanoAnchor(), full.wallAnchor());
        cut.learn(full.secrets());
        cut.setSetup(full.setup());
        copy(full, 0, head, cut);
        long lastNanos = full.get(head - 1).nanos();
        String note = note(full.counters(), size, head, tail);
        cut.append(lastNanos, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, note));
        copy(full, tail, size, cut);
        full.close();
        return new CaseResult(r.probeCase(), r.grade(), r.observation(), r.durationMillis(), cut);
    }

    private static String note(Counters.Snapshot all, int size, int head, int tail) {
        return "Not kept: events " + (head + 1) + " to " + tail + " of " + size + " (the echo traffic in the middle"
                + " of the case; it was graded). The whole case: " + all.messagesOut() + " messages sent, "
                + all.messagesIn() + " received, " + (all.framesOut() + all.framesIn()) + " frames, "
                + (all.payloadOut() + all.payloadIn()) + " payload bytes.";
    }

    private static int headEnd(CaptureLog log, int size) {
        long bytes = 0;
        int at = 0;
        while (at < size && at < PART_EVENTS) {
            for (CaptureEvent e : log.readFrom(at, Math.min(BATCH, PART_EVENTS - at))) {
                bytes += payloadBytes(e);
                if (bytes > PART_BYTES && at > 0) {
                    return at;
                }
                at++;
            }
        }
        return at;
    }

    private static int tailStart(CaptureLog log, int size, int head) {
        long bytes = 0;
        int at = size;
        while (at > head && size - at < PART_EVENTS) {
            int from = Math.max(head, Math.max(at - BATCH, size - PART_EVENTS));
            List<CaptureEvent> batch = log.readFrom(from, at - from);
            for (int i = batch.size() - 1; i >= 0; i--) {
                bytes += payloadBytes(batch.get(i));
                if (bytes > PART_BYTES && at < size) {
                    return at;
                }
                at--;
            }
        }
        return at;
    }

    private static long payloadBytes(CaptureEvent e) {
        if (e instanceof FrameEvent f) {
            return f.payload().length() + f.inflated().map(Payload::length).orElse(0);
        }
        return e instanceof MessageEvent m ? m.payload().length() : 0;
    }

    private static void copy(CaptureLog from, int start, int end, CaptureLog into) {
        for (int at = start; at < end; ) {
            List<CaptureEvent> batch = from.readFrom(at, Math.min(BATCH, end - at));
            for (CaptureEvent e : batch) {
                into.append(e.nanos(), restamped(e));
            }
            at += batch.size();
        }
    }

    /** The event under the cut log's stamp, its payloads copied out of the full capture's store. */
    private static Function<Stamp, CaptureEvent> restamped(CaptureEvent e) {
        if (e instanceof FrameEvent f) {
            Payload payload = Payload.of(f.payload().bytes());
            var inflated = f.inflated().map(p -> Payload.of(p.bytes()));
            return s -> new FrameEvent(s, f.dir(), f.header(), f.chunkOffset(), f.lastChunk(), payload,
                    f.messageOpcode(), inflated, f.findings());
        }
        if (e instanceof MessageEvent m) {
            Payload payload = Payload.of(m.payload().bytes());
            return s -> new MessageEvent(s, m.dir(), m.header(), payload);
        }
        return s -> restampedOther(e, s);
    }

    private static CaptureEvent restampedOther(CaptureEvent e, Stamp s) {
        if (e instanceof CaptureEvent.StateEvent x) {
            return new CaptureEvent.StateEvent(s, x.state(), x.detail());
        } else if (e instanceof CaptureEvent.TimingEvent x) {
            return new CaptureEvent.TimingEvent(s, x.phase(), x.durationNanos(), x.detail());
        } else if (e instanceof CaptureEvent.TlsEvent x) {
            return new CaptureEvent.TlsEvent(s, x.protocol(), x.cipherSuite(), x.peerChain(), x.verified(),
                    x.insecureOverride());
        } else if (e instanceof CaptureEvent.HandshakeEvent x) {
            return new CaptureEvent.HandshakeEvent(s, x.rawRequest(), x.rawResponse(), x.responseBody(), x.status(),
                    x.expectedAccept(), x.receivedAccept(), x.subprotocol(), x.offeredExtensions(),
                    x.acceptedExtensions(), x.findings());
        } else if (e instanceof CaptureEvent.NegotiationEvent x) {
            return new CaptureEvent.NegotiationEvent(s, x.offered(), x.accepted(), x.effects(), x.findings());
        } else if (e instanceof CaptureEvent.HeartbeatEvent x) {
            return new CaptureEvent.HeartbeatEvent(s, x.kind(), x.payload(), x.rttNanos());
        } else if (e instanceof CaptureEvent.ViolationEvent x) {
            return new CaptureEvent.ViolationEvent(s, x.dir(), x.finding());
        } else if (e instanceof CaptureEvent.CloseEvent x) {
            return new CaptureEvent.CloseEvent(s, x.initiator(), x.sentCode(), x.sentReason(), x.receivedCode(),
                    x.receivedReason(), x.clean(), x.handshakeNanos());
        } else if (e instanceof CaptureEvent.NoteEvent x) {
            return new CaptureEvent.NoteEvent(s, x.level(), x.text());
        }
        throw new IllegalArgumentException("an event of an unknown kind: " + e.getClass().getSimpleName());
    }
}
