package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Payload;
import dev.framescope.capture.Stamp;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a version 2 session file as a stream of events (docs/session-format-v2.md): one record at a time, so memory
 * holds one record and the handles of the current message's frames, whatever the file's size. A record whose
 * checksum fails is reported by number and byte offset and skipped to the next whole record; a torn tail loses only
 * the record it cuts.
 */
public final class SessionV2Reader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] NO_BYTES = new byte[0];

    private final SessionVisitor visitor;
    private final Map<Long, Conn> conns = new HashMap<>();
    private long number;
    /** A plain frame read but not handed out yet: its one-frame message record usually follows. */
    private PlainFrame plain;
    private final SessionVisitor.PlainEvents plainEvents = this::plainEvents;
    /** The connection of the last record: most records are of the same one as the record before. */
    private Conn lastConn;

    private SessionV2Reader(SessionVisitor visitor) {
        this.visitor = visitor;
    }

    /** True when the file starts with the version 2 magic bytes. */
    public static boolean isV2(Path file) throws IOException {
        try (RecordInput in = new RecordInput(file)) {
            return Arrays.equals(in.start(V2Codec.MAGIC.length), V2Codec.MAGIC);
        }
    }

    public static void read(Path file, SessionVisitor visitor) throws IOException {
        try (RecordInput in = new RecordInput(file)) {
            if (!Arrays.equals(in.start(V2Codec.MAGIC.length), V2Codec.MAGIC)) {
                throw new SessionReader.NotASessionException(file + " does not start like a version 2 session file");
            }
            new SessionV2Reader(visitor).records(in);
        }
    }

    private void records(RecordInput in) throws IOException {
        long pos = V2Codec.MAGIC.length;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("reading stopped at byte " + pos + " (interrupted)");
            }
            visitor.position(pos);
            RecordInput.At at = in.at(pos);
            number++;
            if (at instanceof RecordInput.End) {
                flushPlain();
                return;
            }
            if (at instanceof RecordInput.Whole w) {
                load(w, pos);
                pos = w.next();
                continue;
            }
            flushPlain();
            RecordInput.Damaged d = (RecordInput.Damaged) at;
            long next = in.resync(pos + 1);
            if (next >= in.size() && d.runsPastEnd()) {
                visitor.problem(LoadProblem.record(number, pos, "the file ends inside this record (a torn tail: "
                        + (in.size() - pos) + " bytes lost)"));
                return;
            }
            visitor.problem(LoadProblem.record(number, pos, d.reason() + "; skipped " + (next - pos)
                    + " bytes to the next whole record"));
            pos = next;
        }
    }

    private void load(RecordInput.Whole w, long pos) {
        if (!visitor.wantsEvents() && w.type() != V2Codec.CONNECTION && w.type() != V2Codec.HEADER) {
            return;
        }
        V2Codec.Body b = new V2Codec.Body(w.body(), w.length());
        if (w.type() != V2Codec.MESSAGE) {
            flushPlain();
        }
        try {
            switch (w.type()) {
                case V2Codec.HEADER -> fileHeader(b);
                case V2Codec.CONNECTION -> connection(b);
                case V2Codec.FRAME -> frame(b);
                case V2Codec.MESSAGE -> message(b);
                default -> other(b);
            }
        } catch (IOException | RuntimeException e) {
            visitor.problem(LoadProblem.record(number, pos, "cannot load this " + name(w.type()) + ": "
                    + e.getMessage()));
        }
    }

    private static String name(int type) {
        return switch (type) {
            case V2Codec.HEADER -> "file header";
            case V2Codec.CONNECTION -> "connection";
            case V2Codec.FRAME -> "frame";
            case V2Codec.MESSAGE -> "message";
            default -> "event";
        };
    }

    private void fileHeader(V2Codec.Body b) throws IOException {
        JsonNode header = MAPPER.readTree(b.string());
        if (header.path("version").asInt(-1) != 2) {
            throw new IllegalArgumentException("the header declares version " + header.path("version").asText());
        }
    }

    private void connection(V2Codec.Body b) throws IOException {
        JsonNode line = MAPPER.readTree(b.string());
        long id = line.path("conn").asLong(0);
        Conn c = conns.get(id);
        if (c == null) {
            conns.put(id, new Conn(visitor.connection(id, line), id));
        }
    }

    private Conn conn(long id) {
        Conn last = lastConn;
        if (last != null && last.id == id) {
            return last;
        }
        lastConn = conns.computeIfAbsent(id, k -> new Conn(visitor.connection(k, MAPPER.createObjectNode()
                .put("conn", k).put("label", "connection " + k)), k));
        return lastConn;
    }

    private void frame(V2Codec.Body b) {
        Conn c = conn(b.varint());
        long nanos = b.signed();
        int flags = (int) b.varint();
        Direction dir = (flags & V2Codec.F_OUT) != 0 ? Direction.OUT : Direction.IN;
        FrameHeader header = header(b);
        long chunkOffset = (flags & V2Codec.F_CHUNK_OFFSET) != 0 ? b.varint() : 0;
        List<Finding> findings = (flags & V2Codec.F_FINDINGS) != 0 ? b.findings() : List.of();
        int payloadLength = b.length();
        boolean hasInflated = (flags & V2Codec.F_INFLATED) != 0;
        int inflatedLength = hasInflated ? b.length() : 0;
        if (flags == (V2Codec.F_LAST_CHUNK | V2Codec.F_MESSAGE_OPCODE | (header.opcode() == Opcode.TEXT
                ? V2Codec.F_MESSAGE_TEXT : 0)) && PlainFrame.plain(header, payloadLength)) {
            plain = new PlainFrame(c, nanos, header, b.take(payloadLength));
            return;
        }
        Payload payload = c.payload(b.take(payloadLength));
        Optional<Payload> inflated = hasInflated ? Optional.of(c.payload(b.take(inflatedLength))) : Optional.empty();
        Optional<Opcode> messageOpcode = (flags & V2Codec.F_MESSAGE_OPCODE) == 0 ? Optional.empty()
                : Optional.of((flags & V2Codec.F_MESSAGE_TEXT) != 0 ? Opcode.TEXT : Opcode.BINARY);
        boolean last = (flags & V2Codec.F_LAST_CHUNK) != 0;
        FrameHeader h = header;
        visitor.event(c.log, nanos, stamp -> new FrameEvent(stamp, dir, h, chunkOffset, last, payload,
                messageOpcode, inflated, findings));
        if (messageOpcode.isPresent()) {
            c.pending(dir).add(inflated.orElse(payload), header.streamOffset(), nanos);
        }
    }

    private static FrameHeader header(V2Codec.Body b) {
        int b0 = b.u8();
        int b1 = b.u8();
        int len7 = b1 & FrameHeader.B1_MASK_LENGTH;
        LengthEncoding encoding = len7 == FrameHeader.LENGTH_16_MARKER ? LengthEncoding.EXTENDED_16
                : len7 == FrameHeader.LENGTH_64_MARKER ? LengthEncoding.EXTENDED_64 : LengthEncoding.SEVEN_BIT;
        long length = len7;
        if (encoding != LengthEncoding.SEVEN_BIT) {
            length = 0;
            for (int i = 0; i < encoding.extensionBytes(); i++) {
                length = length << 8 | b.u8();
            }
        }
        boolean masked = (b1 & FrameHeader.B1_FLAG_MASK) != 0;
        int key = masked ? b.u8() << 24 | b.u8() << 16 | b.u8() << 8 | b.u8() : 0;
        long streamOffset = b.varint();
        return new FrameHeader((b0 & FrameHeader.B0_FLAG_FIN) != 0, (b0 & FrameHeader.B0_FLAG_RSV1) != 0,
                (b0 & FrameHeader.B0_FLAG_RSV2) != 0, (b0 & FrameHeader.B0_FLAG_RSV3) != 0,
                Opcode.of(b0 & FrameHeader.B0_MASK_OPCODE), masked, key, length, encoding, streamOffset);
    }

    private void message(V2Codec.Body b) {
        Conn c = conn(b.varint());
        int flags = (int) b.varint();
        Direction dir = (flags & V2Codec.M_OUT) != 0 ? Direction.OUT : Direction.IN;
        Opcode opcode = Opcode.of(b.u8());
        if (plain != null && plain.completedBy(c, flags, opcode, b)) {
            PlainFrame p = plain;
            plain = null;
            visitor.plainFrame(c.log, p.nanos, p.header, p.payload, plainEvents);
            c.pending(Direction.IN).clear();
            return;
        }
        flushPlain();
        Pending pending = c.pending(dir);
        boolean fromFrames = (flags & V2Codec.M_FROM_FRAMES) != 0;
        long nanos;
        long offset;
        if (fromFrames) {
            long count = b.varint();
            if (count != pending.chunks.size()) {
                pending.clear();
                throw new IllegalArgumentException("its " + count + " frame chunk(s) are not all in the file ("
                        + "a damaged record before it)");
            }
            nanos = pending.lastNanos + b.signed();
            offset = pending.firstOffset + b.signed();
        } else {
            nanos = b.signed();
            offset = b.signed();
        }
        int frameCount = (int) b.varint();
        long wireLength = b.varint();
        long length = b.signed();
        List<Finding> findings = (flags & V2Codec.M_FINDINGS) != 0 ? b.findings() : List.of();
        Payload payload = fromFrames ? pending.joined(c) : c.payload(b.bytes());
        pending.clear();
        Message header = new Message(dir.sender(), opcode, offset, frameCount, wireLength,
                (flags & V2Codec.M_COMPRESSED) != 0, length, NO_BYTES, findings);
        visitor.event(c.log, nanos, stamp -> new MessageEvent(stamp, dir, header, payload));
    }

    /** A deferred plain frame that turned out not to be followed by its one-frame message: an ordinary frame. */
    private void flushPlain() {
        if (plain == null) {
            return;
        }
        PlainFrame p = plain;
        plain = null;
        Payload payload = p.conn.payload(p.payload);
        Optional<Opcode> op = Optional.of(p.header.opcode());
        visitor.event(p.conn.log, p.nanos, stamp -> new FrameEvent(stamp, Direction.IN, p.header, 0, true, payload,
                op, Optional.empty(), List.of()));
        p.conn.pending(Direction.IN).add(payload, p.header.streamOffset(), p.nanos);
    }

    /** The two events of a plain frame, for a visitor that does not record it compactly. */
    private void plainEvents(CaptureLog log, long nanos, FrameHeader header, byte[] bytes) {
        Payload payload = bytes.length == 0 ? Payload.of(NO_BYTES) : visitor.payload(log, bytes);
        Optional<Opcode> op = Optional.of(header.opcode());
        visitor.event(log, nanos, stamp -> new FrameEvent(stamp, Direction.IN, header, 0, true, payload, op,
                Optional.empty(), List.of()));
        Message message = new Message(Sender.SERVER, header.opcode(), header.streamOffset(), 1, bytes.length, false,
                bytes.length, NO_BYTES, List.of());
        visitor.event(log, nanos, stamp -> new MessageEvent(stamp, Direction.IN, message, payload));
    }

    private void other(V2Codec.Body b) throws IOException {
        Conn c = conn(b.varint());
        long nanos = b.signed();
        JsonNode node = MAPPER.readTree(b.string());
        visitor.event(c.log, nanos, stamp -> SessionJson.fromJson(node, stamp, c.log));
    }

    /** A connection being read: the log its events go to and what its messages may refer to. */
    private final class Conn {
        final CaptureLog log;
        final long id;
        final Pending in = new Pending();
        final Pending out = new Pending();

        Conn(CaptureLog log, long id) {
            this.log = log;
            this.id = id;
        }

        Pending pending(Direction dir) {
            return dir == Direction.IN ? in : out;
        }

        Payload payload(byte[] bytes) {
            return bytes.length == 0 ? Payload.of(NO_BYTES) : visitor.payload(log, bytes);
        }
    }

    /**
     * A whole, unmasked, uncompressed server data frame without findings, as the live capture's compact path
     * records it; with the message record after it ({@link #completedBy}), one plain frame.
     */
    private record PlainFrame(Conn conn, long nanos, FrameHeader header, byte[] payload) {
        static boolean plain(FrameHeader h, int payloadLength) {
            return h.fin() && !h.anyRsv() && !h.masked() && h.payloadLength() == payloadLength
                    && payloadLength <= StreamDissector.PLAIN_MAX_PAYLOAD
                    && (h.opcode() == Opcode.TEXT || h.opcode() == Opcode.BINARY)
                    && h.lengthEncoding() == LengthEncoding.minimalFor(payloadLength);
        }

        /** Whether the message record being read is this frame's one-frame message; reads no further if not. */
        boolean completedBy(Conn c, int flags, Opcode opcode, V2Codec.Body b) {
            if (c != conn || flags != V2Codec.M_FROM_FRAMES || opcode != header.opcode()) {
                return false;
            }
            int mark = b.at;
            boolean same = b.varint() == 1 && b.signed() == 0 && b.signed() == 0 && b.varint() == 1
                    && b.varint() == payload.length && b.signed() == payload.length && b.at == b.end;
            b.at = mark;
            return same;
        }
    }

    /** The data chunks of one direction since its last message, as the writer counted them. */
    private static final class Pending {
        final List<Payload> chunks = new ArrayList<>();
        long firstOffset;
        long lastNanos;

        void add(Payload bytes, long offset, long nanos) {
            if (chunks.isEmpty()) {
                firstOffset = offset;
            }
            chunks.add(bytes);
            lastNanos = nanos;
        }

        Payload joined(Conn c) {
            if (chunks.size() == 1) {
                return chunks.get(0);
            }
            int total = chunks.stream().mapToInt(Payload::length).sum();
            byte[] out = new byte[total];
            int at = 0;
            for (Payload p : chunks) {
                byte[] part = p.bytes();
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
            return c.payload(out);
        }

        void clear() {
            chunks.clear();
        }
    }
}
