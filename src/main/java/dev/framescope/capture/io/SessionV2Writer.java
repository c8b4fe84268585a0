package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Payload;
import dev.framescope.capture.Secrets;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a version 2 session file (docs/session-format-v2.md) as events come: payload bytes once and raw, a message
 * made of the frames just written refers to them instead of repeating their bytes, every record checksummed. Memory
 * stays bounded: a record's small fields go through a scratch buffer, its payloads stream from their {@link Payload}
 * (a spilled one in pieces). Secrets are redacted unless {@code keepSecrets}, as in version 1.
 */
public final class SessionV2Writer implements SessionOutput {

    private final RecordOutput out;
    private final boolean keepSecrets;
    private final Map<Long, Conn> conns = new HashMap<>();
    private long records;

    public SessionV2Writer(Path file, boolean keepSecrets) throws IOException {
        this(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), keepSecrets);
    }

    public SessionV2Writer(OutputStream stream, boolean keepSecrets) throws IOException {
        this.out = new RecordOutput(stream);
        this.keepSecrets = keepSecrets;
        out.raw(V2Codec.MAGIC);
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("format", SessionFormat.FORMAT)
                .put("version", 2).put("created", Instant.now().toString()).put("tool", "framescope")
                .put("secretsRedacted", !keepSecrets);
        json(V2Codec.HEADER, header);
        out.flush();
    }

    @Override
    public void write(CaptureLog log, List<CaptureEvent> events) throws IOException {
        Conn conn = conns.get(log.connectionId());
        if (conn == null) {
            conn = new Conn();
            conns.put(log.connectionId(), conn);
            announce(log);
        }
        boolean redact = !keepSecrets && !log.secrets().values().isEmpty();
        for (CaptureEvent e : events) {
            if (e instanceof FrameEvent f) {
                frame(log, conn, f, redact);
            } else if (e instanceof MessageEvent m) {
                message(log, conn, m, redact);
            } else {
                other(log, e);
            }
            records++;
        }
        out.flush();
    }

    @Override
    public long events() {
        return records;
    }

    /** Bytes written so far. */
    public long position() {
        return out.position();
    }

    private void announce(CaptureLog log) throws IOException {
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("type", "connection")
                .put("conn", log.connectionId())
                .put("label", keepSecrets ? log.label() : Redactor.url(log.label(), log.secrets()))
                .put("start", log.wallAnchor().toString());
        SessionSecrets.write(line, log, keepSecrets);
        json(V2Codec.CONNECTION, line);
    }

    private void frame(CaptureLog log, Conn conn, FrameEvent f, boolean redact) throws IOException {
        FrameHeader h = f.header();
        Payload payload = redact ? redacted(f.payload(), log.secrets()) : f.payload();
        Optional<Payload> inflated = redact ? f.inflated().map(p -> redacted(p, log.secrets())) : f.inflated();
        int flags = (f.dir() == Direction.OUT ? V2Codec.F_OUT : 0) | (f.lastChunk() ? V2Codec.F_LAST_CHUNK : 0)
                | (f.messageOpcode().isPresent() ? V2Codec.F_MESSAGE_OPCODE : 0)
                | (f.carriesText() ? V2Codec.F_MESSAGE_TEXT : 0) | (inflated.isPresent() ? V2Codec.F_INFLATED : 0)
                | (f.findings().isEmpty() ? 0 : V2Codec.F_FINDINGS)
                | (f.chunkOffset() != 0 ? V2Codec.F_CHUNK_OFFSET : 0);
        RecordOutput.Scratch s = out.fields;
        s.varint(log.connectionId()).signed(f.nanos() - log.nanoAnchor()).varint(flags);
        header(s, h);
        s.varint(h.streamOffset());
        if (f.chunkOffset() != 0) {
            s.varint(f.chunkOffset());
        }
        if (!f.findings().isEmpty()) {
            V2Codec.findings(s, f.findings());
        }
        s.varint(payload.length());
        if (inflated.isPresent()) {
            s.varint(inflated.get().length());
            out.record(V2Codec.FRAME, payload, inflated.get());
        } else {
            out.record(V2Codec.FRAME, payload);
        }
        if (f.messageOpcode().isPresent()) {
            conn.pending(f.dir()).add(inflated.orElse(payload), f);
        }
    }

    /** The header's bytes as on the wire, without re-encoding it into an array. */
    private static void header(RecordOutput.Scratch s, FrameHeader h) {
        s.u8((h.fin() ? FrameHeader.B0_FLAG_FIN : 0) | h.rsvBits() | h.opcode().code());
        int mask = h.masked() ? FrameHeader.B1_FLAG_MASK : 0;
        long length = h.payloadLength();
        switch (h.lengthEncoding()) {
            case SEVEN_BIT -> s.u8(mask | (int) length);
            case EXTENDED_16 -> s.u8(mask | FrameHeader.LENGTH_16_MARKER).u8((int) (length >>> 8)).u8((int) length);
            case EXTENDED_64 -> {
                s.u8(mask | FrameHeader.LENGTH_64_MARKER);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    s.u8((int) (length >>> shift));
                }
            }
        }
        if (h.masked()) {
            int key = h.maskingKey();
            s.u8(key >>> 24).u8(key >>> 16).u8(key >>> 8).u8(key);
        }
    }

    private void message(CaptureLog log, Conn conn, MessageEvent m, boolean redact) throws IOException {
        Message msg = m.header();
        Payload payload = redact ? redacted(m.payload(), log.secrets()) : m.payload();
        Pending pending = conn.pending(m.dir());
        long rel = m.nanos() - log.nanoAnchor();
        boolean fromFrames = !redact && pending.holds(payload);
        int flags = (m.dir() == Direction.OUT ? V2Codec.M_OUT : 0) | (msg.compressed() ? V2Codec.M_COMPRESSED : 0)
                | (fromFrames ? V2Codec.M_FROM_FRAMES : 0) | (msg.findings().isEmpty() ? 0 : V2Codec.M_FINDINGS);
        RecordOutput.Scratch s = out.fields;
        s.varint(log.connectionId()).varint(flags).u8(msg.opcode().code());
        if (fromFrames) {
            s.varint(pending.count).signed(m.nanos() - pending.lastNanos).signed(msg.startOffset() - pending.firstOffset);
        } else {
            s.signed(rel).signed(msg.startOffset());
        }
        s.varint(msg.frameCount()).varint(msg.wireLength()).signed(msg.length());
        if (!msg.findings().isEmpty()) {
            V2Codec.findings(s, msg.findings());
        }
        if (fromFrames) {
            out.record(V2Codec.MESSAGE);
        } else {
            s.varint(payload.length());
            out.record(V2Codec.MESSAGE, payload);
        }
        pending.clear();
    }

    private void other(CaptureLog log, CaptureEvent e) throws IOException {
        ObjectNode json = SessionJson.toJson(log, e, keepSecrets);
        out.fields.varint(log.connectionId()).signed(e.nanos() - log.nanoAnchor())
                .string(json.toString());
        out.record(V2Codec.EVENT);
    }

    private void json(int type, ObjectNode node) throws IOException {
        out.fields.string(node.toString());
        out.record(type);
    }

    private static Payload redacted(Payload p, Secrets secrets) {
        return Payload.of(Redactor.payload(p.bytes(), secrets));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** What a connection's messages may refer to. */
    private static final class Conn {
        final Pending in = new Pending();
        final Pending out = new Pending();

        Pending pending(Direction dir) {
            return dir == Direction.IN ? in : out;
        }
    }

    /**
     * The data chunks of one direction since its last message: what the next message's bytes usually are. Only
     * handles are kept; bytes are compared (up to {@link #COMPARE_LIMIT}) only when the handle is not the same.
     */
    static final class Pending {
        static final long COMPARE_LIMIT = 8L << 20;
        private final ArrayList<Payload> chunks = new ArrayList<>();
        int count;
        long total;
        long firstOffset;
        long lastNanos;

        void add(Payload bytes, FrameEvent f) {
            if (count == 0) {
                firstOffset = f.header().streamOffset();
            }
            chunks.add(bytes);
            count++;
            total += bytes.length();
            lastNanos = f.nanos();
        }

        boolean holds(Payload message) {
            if (count == 0 || total != message.length()) {
                return false;
            }
            if (count == 1 && chunks.get(0).equals(message)) {
                return true;
            }
            if (total > COMPARE_LIMIT) {
                return false;
            }
            byte[] want = message.bytes();
            int at = 0;
            for (Payload c : chunks) {
                byte[] have = c.bytes();
                if (!Arrays.equals(have, 0, have.length, want, at, at + have.length)) {
                    return false;
                }
                at += have.length;
            }
            return true;
        }

        void clear() {
            chunks.clear();
            count = 0;
            total = 0;
        }
    }
}
