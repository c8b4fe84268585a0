package dev.framescope.capture;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureEvent.NoteEvent;
import dev.framescope.capture.CaptureEvent.Phase;
import dev.framescope.capture.CaptureEvent.StateEvent;
import dev.framescope.capture.CaptureEvent.TimingEvent;
import dev.framescope.capture.CaptureEvent.ViolationEvent;
import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.Violation;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The event objects of a {@link CaptureLog} as bytes, for its index spill ({@link EventIndex}): the kinds a
 * connection records in numbers — frames, messages, heartbeats, violations, notes, states, timings. Payloads are
 * not copied: an event keeps a reference into its {@link PayloadStore} (a packed block or a spill-file position),
 * and a payload still on the heap moves to the spill file first. The per-attempt kinds (handshake, negotiation,
 * TLS, close) are a few per connection attempt and are not encoded ({@link #encodes}).
 *
 * <p>Only this process reads what it wrote, so enum ordinals are stable and nothing here is a file format.
 */
final class EventCodec {

    private static final int FRAME = 1;
    private static final int MESSAGE = 2;
    private static final int HEARTBEAT = 3;
    private static final int VIOLATION = 4;
    private static final int NOTE = 5;
    private static final int STATE = 6;
    private static final int TIMING = 7;

    private static final int PAYLOAD_EMPTY = 0;
    private static final int PAYLOAD_PACKED = 1;
    private static final int PAYLOAD_SPILLED = 2;

    private static final Violation[] VIOLATIONS = Violation.values();
    private static final HeartbeatKind[] HEARTBEATS = HeartbeatKind.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final ConnectionState[] STATES = ConnectionState.values();
    private static final Phase[] PHASES = Phase.values();
    private static final LengthEncoding[] ENCODINGS = LengthEncoding.values();

    private final long connectionId;
    private final PayloadStore store;

    EventCodec(long connectionId, PayloadStore store) {
        this.connectionId = connectionId;
        this.store = store;
    }

    /** Whether {@link #write} takes this event; the others stay on the heap. */
    static boolean encodes(CaptureEvent event) {
        return event instanceof FrameEvent || event instanceof MessageEvent || event instanceof HeartbeatEvent
                || event instanceof ViolationEvent || event instanceof NoteEvent || event instanceof StateEvent
                || event instanceof TimingEvent;
    }

    /** @throws IOException also when a payload could not be moved to the spill file (the disk refused) */
    void write(CaptureEvent event, DataOutputStream out) throws IOException {
        out.writeLong(event.seq());
        out.writeLong(event.nanos());
        if (event instanceof FrameEvent f) {
            out.writeByte(FRAME);
            out.writeByte(f.dir().ordinal());
            header(f.header(), out);
            out.writeLong(f.chunkOffset());
            out.writeBoolean(f.lastChunk());
            payload(f.payload(), out);
            out.writeByte(f.messageOpcode().map(Opcode::code).orElse(-1));
            out.writeBoolean(f.inflated().isPresent());
            if (f.inflated().isPresent()) {
                payload(f.inflated().get(), out);
            }
            findings(f.findings(), out);
        } else if (event instanceof MessageEvent m) {
            out.writeByte(MESSAGE);
            out.writeByte(m.dir().ordinal());
            Message h = m.header();
            out.writeByte(h.sender().ordinal());
            out.writeByte(h.opcode().code());
            out.writeLong(h.startOffset());
            out.writeInt(h.frameCount());
            out.writeLong(h.wireLength());
            out.writeBoolean(h.compressed());
            out.writeLong(h.length());
            findings(h.findings(), out);
            payload(m.payload(), out);
        } else if (event instanceof HeartbeatEvent h) {
            out.writeByte(HEARTBEAT);
            out.writeByte(h.kind().ordinal());
            bytes(h.payload(), out);
            out.writeBoolean(h.rttNanos().isPresent());
            out.writeLong(h.rttNanos().orElse(0));
        } else if (event instanceof ViolationEvent v) {
            out.writeByte(VIOLATION);
            out.writeByte(v.dir().ordinal());
            finding(v.finding(), out);
        } else if (event instanceof NoteEvent n) {
            out.writeByte(NOTE);
            out.writeByte(n.level().ordinal());
            string(n.text(), out);
        } else if (event instanceof StateEvent s) {
            out.writeByte(STATE);
            out.writeByte(s.state().ordinal());
            string(s.detail(), out);
        } else if (event instanceof TimingEvent t) {
            out.writeByte(TIMING);
            out.writeByte(t.phase().ordinal());
            out.writeLong(t.durationNanos());
            string(t.detail(), out);
        } else {
            throw new IllegalArgumentException("not spilled: " + event.getClass().getSimpleName());
        }
    }

    CaptureEvent read(DataInputStream in) throws IOException {
        Stamp stamp = new Stamp(connectionId, in.readLong(), in.readLong());
        int kind = in.readByte();
        switch (kind) {
            case FRAME -> {
                Direction dir = Direction.values()[in.readByte()];
                FrameHeader header = header(in);
                long chunkOffset = in.readLong();
                boolean last = in.readBoolean();
                Payload payload = payload(in);
                int op = in.readByte();
                Optional<Opcode> messageOpcode = op < 0 ? Optional.empty() : Optional.of(Opcode.of(op));
                Optional<Payload> inflated = in.readBoolean() ? Optional.of(payload(in)) : Optional.empty();
                return new FrameEvent(stamp, dir, header, chunkOffset, last, payload, messageOpcode, inflated,
                        findings(in));
            }
            case MESSAGE -> {
                Direction dir = Direction.values()[in.readByte()];
                Sender sender = Sender.values()[in.readByte()];
                Opcode opcode = Opcode.of(in.readByte());
                long startOffset = in.readLong();
                int frameCount = in.readInt();
                long wireLength = in.readLong();
                boolean compressed = in.readBoolean();
                long length = in.readLong();
                List<Finding> findings = findings(in);
                Message header = new Message(sender, opcode, startOffset, frameCount, wireLength, compressed, length,
                        new byte[0], findings);
                return new MessageEvent(stamp, dir, header, payload(in));
            }
            case HEARTBEAT -> {
                HeartbeatKind k = HEARTBEATS[in.readByte()];
                byte[] payload = bytes(in);
                boolean hasRtt = in.readBoolean();
                long rtt = in.readLong();
                return new HeartbeatEvent(stamp, k, payload, hasRtt ? OptionalLong.of(rtt) : OptionalLong.empty());
            }
            case VIOLATION -> {
                return new ViolationEvent(stamp, Direction.values()[in.readByte()], finding(in));
            }
            case NOTE -> {
                return new NoteEvent(stamp, SEVERITIES[in.readByte()], string(in));
            }
            case STATE -> {
                return new StateEvent(stamp, STATES[in.readByte()], string(in));
            }
            case TIMING -> {
                Phase phase = PHASES[in.readByte()];
                return new TimingEvent(stamp, phase, in.readLong(), string(in));
            }
            default -> throw new IOException("unknown event kind " + kind);
        }
    }

    private static void header(FrameHeader h, DataOutputStream out) throws IOException {
        out.writeByte((h.fin() ? 1 : 0) | (h.rsv1() ? 2 : 0) | (h.rsv2() ? 4 : 0) | (h.rsv3() ? 8 : 0)
                | (h.masked() ? 16 : 0));
        out.writeByte(h.opcode().code());
        out.writeInt(h.maskingKey());
        out.writeLong(h.payloadLength());
        out.writeByte(h.lengthEncoding().ordinal());
        out.writeLong(h.streamOffset());
    }

    private static FrameHeader header(DataInputStream in) throws IOException {
        int bits = in.readByte();
        Opcode opcode = Opcode.of(in.readByte());
        int key = in.readInt();
        long length = in.readLong();
        LengthEncoding encoding = ENCODINGS[in.readByte()];
        return new FrameHeader((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, opcode,
                (bits & 16) != 0, key, length, encoding, in.readLong());
    }

    /** A reference into the store: its packed blocks or its spill file (moved there first when on the heap). */
    private void payload(Payload p, DataOutputStream out) throws IOException {
        if (p.length() == 0) {
            out.writeByte(PAYLOAD_EMPTY);
            return;
        }
        if (p instanceof PayloadStore.Packed packed && packed.store() == store && packed.maskingKey() == 0) {
            out.writeByte(PAYLOAD_PACKED);
            out.writeLong(packed.ref());
        } else {
            long position = store.spillPosition(p);
            if (position < 0) {
                throw new IOException("the disk refused the spill file");
            }
            out.writeByte(PAYLOAD_SPILLED);
            out.writeLong(position);
        }
        out.writeInt(p.length());
    }

    private Payload payload(DataInputStream in) throws IOException {
        int kind = in.readByte();
        if (kind == PAYLOAD_EMPTY) {
            return PayloadStore.EMPTY;
        }
        long where = in.readLong();
        int length = in.readInt();
        return kind == PAYLOAD_PACKED ? store.packed(where, length, 0) : new PayloadStore.Spilled(store, where, length);
    }

    private static void findings(List<Finding> findings, DataOutputStream out) throws IOException {
        out.writeInt(findings.size());
        for (Finding f : findings) {
            finding(f, out);
        }
    }

    private static List<Finding> findings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(finding(in));
        }
        return out;
    }

    private static void finding(Finding f, DataOutputStream out) throws IOException {
        out.writeShort(f.violation().ordinal());
        string(f.detail(), out);
        out.writeLong(f.streamOffset());
    }

    private static Finding finding(DataInputStream in) throws IOException {
        Violation v = VIOLATIONS[in.readShort()];
        String detail = string(in);
        return new Finding(v, detail, in.readLong());
    }

    private static void string(String s, DataOutputStream out) throws IOException {
        bytes(s.getBytes(StandardCharsets.UTF_8), out);
    }

    private static String string(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static void bytes(byte[] b, DataOutputStream out) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a length of " + n + " past the end of the segment");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
