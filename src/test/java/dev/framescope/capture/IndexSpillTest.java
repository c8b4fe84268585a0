package dev.framescope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.LengthEncoding;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import dev.framescope.wire.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The event index moves to the spill file past the memory budget ({@link EventIndex}) and reads back as the same
 * events, across the boundary between spilled and heap segments; a spill file cut short or damaged is named.
 */
class IndexSpillTest {

    /** Small enough that a few thousand events pass it. */
    private static final long TINY = 256 * 1024;

    @Test
    void everyKindOfEventSpillsAndReadsBackAsItWasRecorded() {
        CaptureLog spilled = new CaptureLog(3, "spilled", new PayloadStore(new MemoryBudget(TINY)));
        CaptureLog kept = new CaptureLog(3, "kept", new PayloadStore(new MemoryBudget(1L << 30)));
        for (CaptureLog log : List.of(spilled, kept)) {
            record(log, 6_000);
        }
        assertTrue(spilled.spilledIndexSegments() >= 6, "segments on disk: " + spilled.spilledIndexSegments());
        assertEquals(0, kept.spilledIndexSegments());
        // the segments being filled cannot move: up to 4096 event objects beyond the budget
        assertTrue(spilled.payloads().budget().used() <= TINY + 4096L * 400 + 3 * EventIndex.RECORD_SEGMENT_COST,
                "index + payloads stay near the budget: " + spilled.payloads().budget().used());
        assertTrue(kept.payloads().budget().used() > 4 * spilled.payloads().budget().used(),
                "far less than on the heap: " + kept.payloads().budget().used());
        assertEquals(kept.size(), spilled.size());
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(canonical(kept.get(i)), canonical(spilled.get(i)), "event " + i);
        }
        spilled.close();
        kept.close();
    }

    @Test
    void aCaptureFarLargerThanItsBudgetKeepsEveryEventWithinTheBudget() {
        MemoryBudget budget = new MemoryBudget(1L << 20);
        CaptureLog log = new CaptureLog(1, "firehose", new PayloadStore(budget));
        StreamDissector server = new StreamDissector(Sender.SERVER);
        int frames = 300_000;
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            batch.writeBytes(FrameEncoder.text("tick " + i).encode());
            if (batch.size() > 16_000 || i == frames - 1) {
                ByteBuffer in = ByteBuffer.wrap(batch.toByteArray());
                while (in.hasRemaining()) {
                    PlainFrames run = new PlainFrames();
                    assertTrue(server.takePlainFrames(in, run) > 0);
                    log.appendPlainFrames(i, run);
                }
                batch.reset();
            }
        }
        assertEquals(2 * frames, log.size(), "a frame and a message per frame, nothing dropped");
        assertTrue(budget.indexBytes() + budget.payloadBytes() <= budget.limit() + 2 * EventIndex.RECORD_SEGMENT_COST,
                "the index stays within the budget: " + budget.indexBytes() + " + " + budget.payloadBytes());
        assertTrue(log.spilledIndexSegments() > 100, "spilled: " + log.spilledIndexSegments());
        for (int i = 0; i < frames; i += 997) {
            FrameEvent f = (FrameEvent) log.get(2 * i);
            assertEquals("tick " + i, new String(f.payload().bytes(), StandardCharsets.UTF_8), "frame " + i);
            MessageEvent m = (MessageEvent) log.get(2 * i + 1);
            assertEquals("tick " + i, new String(m.payload().bytes(), StandardCharsets.UTF_8), "message " + i);
            assertEquals(2 * i + 1, m.seq());
        }
        log.close();
        assertEquals(0, budget.used(), "a closed log gives its share back");
    }

    @Test
    void aBatchAcrossTheSpillBoundaryReadsLikeOneFromTheHeap() {
        CaptureLog spilled = new CaptureLog(3, "spilled", new PayloadStore(new MemoryBudget(TINY)));
        CaptureLog kept = new CaptureLog(3, "kept", new PayloadStore(new MemoryBudget(1L << 30)));
        for (CaptureLog log : List.of(spilled, kept)) {
            record(log, 6_000);
        }
        int boundary = firstOnHeap(spilled);
        assertTrue(boundary > 0 && boundary < spilled.size(), "the log is partly on disk: " + boundary);
        for (int from : new int[] {0, boundary - 4096, boundary - 3, boundary - 1}) {
            List<CaptureEvent> a = kept.readFrom(Math.max(0, from), 5_000);
            List<CaptureEvent> b = spilled.readFrom(Math.max(0, from), 5_000);
            assertEquals(a.stream().map(IndexSpillTest::canonical).toList(),
                    b.stream().map(IndexSpillTest::canonical).toList(), "from " + from);
        }
        // backwards, as a table scrolled up reads it
        for (int i = kept.size() - 1; i >= 0; i -= 31) {
            assertEquals(canonical(kept.get(i)), canonical(spilled.get(i)), "event " + i);
        }
        spilled.close();
        kept.close();
    }

    @Test
    void aReaderSeesEveryEventWhileTheWriterSpills() throws Exception {
        CaptureLog log = new CaptureLog(1, "busy", new PayloadStore(new MemoryBudget(TINY)));
        int total = 60_000;
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    int n = i;
                    log.append(n, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "note " + n));
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "writer");
        writer.start();
        int seen = 0;
        while (seen < total && failed.get() == null) {
            for (CaptureEvent e : log.readFrom(seen, 1000)) {
                assertEquals("note " + seen, ((CaptureEvent.NoteEvent) e).text());
                assertEquals(seen++, e.seq());
            }
        }
        writer.join();
        assertEquals(null, failed.get());
        assertTrue(log.spilledIndexSegments() > 0);
        assertEquals("note 17", ((CaptureEvent.NoteEvent) log.get(17)).text(), "read back from disk");
        log.close();
    }

    @Test
    void aSpillFileCutShortIsNamedAndTheLogKeepsGoing() throws IOException {
        CaptureLog log = new CaptureLog(3, "torn", new PayloadStore(new MemoryBudget(TINY)));
        CaptureLog kept = new CaptureLog(3, "kept", new PayloadStore(new MemoryBudget(1L << 30)));
        record(log, 6_000);
        record(kept, 6_000);
        int boundary = firstOnHeap(log);
        Path spill = Path.of(log.payloads().spillFile());
        try (RandomAccessFile f = new RandomAccessFile(spill.toFile(), "rw")) {
            f.setLength(0);
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> log.readFrom(0, 100));
        assertTrue(e.getMessage().contains("spill file " + spill + " was cut short or removed"), e.getMessage());
        assertTrue(e.getMessage().contains("of connection 3 cannot be read back"), e.getMessage());

        int last = log.size() - 1;
        assertEquals(canonical(kept.get(last)), canonical(log.get(last)), "what is on the heap still reads");
        assertTrue(boundary <= last);
        record(log, 6_000);
        record(kept, 6_000);
        int newest = log.size() - 1;
        assertEquals(canonical(kept.get(newest)), canonical(log.get(newest)), "capturing goes on");
        log.close();
        kept.close();
    }

    @Test
    void aDamagedSpillFileIsNamedNotReadAsOtherEvents() throws IOException {
        CaptureLog log = new CaptureLog(3, "damaged", new PayloadStore(new MemoryBudget(TINY)));
        record(log, 6_000);
        Path spill = Path.of(log.payloads().spillFile());
        try (RandomAccessFile f = new RandomAccessFile(spill.toFile(), "rw")) {
            for (long at = 0; at < f.length(); at += 512) {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ 0x5A);
            }
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> log.readFrom(0, log.size()));
        assertTrue(e.getMessage().contains("spill file " + spill + " was damaged"), e.getMessage());
        log.close();
    }

    @Test
    void aSpillFileRemovedByNameStillReadsThroughItsOpenHandle() throws IOException {
        CaptureLog log = new CaptureLog(3, "removed", new PayloadStore(new MemoryBudget(TINY)));
        CaptureLog kept = new CaptureLog(3, "kept", new PayloadStore(new MemoryBudget(1L << 30)));
        record(log, 6_000);
        record(kept, 6_000);
        Path spill = Path.of(log.payloads().spillFile());
        Files.delete(spill); // a temp cleaner; POSIX keeps the open file until it is closed
        record(log, 3_000);
        record(kept, 3_000);
        for (int i = 0; i < kept.size(); i += 7) {
            assertEquals(canonical(kept.get(i)), canonical(log.get(i)), "event " + i);
        }
        log.close();
        kept.close();
    }

    /** First event whose slot segment is still on the heap. */
    private static int firstOnHeap(CaptureLog log) {
        int segments = log.size() >>> EventIndex.SHIFT;
        return Math.min(log.size(), Math.max(1, segments - 1) << EventIndex.SHIFT);
    }

    /**
     * {@code rounds} rounds of every kind of event the general path records, with payloads on the heap and spilled,
     * and plain frames between them; a handshake and a close (which stay on the heap) now and then.
     */
    private static void record(CaptureLog log, int rounds) {
        PayloadStore store = log.payloads();
        StreamDissector server = new StreamDissector(Sender.SERVER);
        for (int round = 0; round < rounds; round++) {
            int r = round;
            int n = log.size();
            byte[] bytes = ("payload " + n).getBytes(StandardCharsets.UTF_8);
            Payload payload = store.store(bytes.clone());
            FrameHeader masked = new FrameHeader(r % 2 == 0, r % 3 == 0, false, r % 5 == 0, Opcode.TEXT, true,
                    0x01020304 + r, bytes.length, LengthEncoding.SEVEN_BIT, 100L * r);
            List<Finding> findings = r % 4 == 0 ? List.of(Finding.at(Violation.RESERVED_BITS, 100L * r, "rsv " + r))
                    : List.of();
            Optional<Payload> inflated = r % 3 == 0 ? Optional.of(store.store(("inflated " + n).getBytes(
                    StandardCharsets.UTF_8))) : Optional.empty();
            log.append(r, s -> new FrameEvent(s, Direction.OUT, masked, r % 7, r % 2 == 0, payload,
                    r % 6 == 0 ? Optional.empty() : Optional.of(Opcode.TEXT), inflated, findings));
            Message message = new Message(Sender.CLIENT, Opcode.TEXT, 100L * r, 1 + r % 3, bytes.length + 6L,
                    r % 3 == 0, bytes.length + r, new byte[0], findings);
            log.append(r, s -> new MessageEvent(s, Direction.OUT, message, payload));
            switch (r % 8) {
                case 0 -> log.append(r, s -> new CaptureEvent.HeartbeatEvent(s, CaptureEvent.HeartbeatKind.PING_SENT,
                        ("fs-hb-" + r).getBytes(StandardCharsets.UTF_8), r % 16 == 0 ? OptionalLong.of(r * 1000L)
                        : OptionalLong.empty()));
                case 1 -> log.append(r, s -> new CaptureEvent.ViolationEvent(s, Direction.IN,
                        Finding.at(Violation.TRUNCATED_FRAME, r, "truncated " + r)));
                case 2 -> log.append(r, s -> new CaptureEvent.NoteEvent(s, Severity.WARNING, "note é " + r));
                case 3 -> log.append(r, s -> new CaptureEvent.StateEvent(s, ConnectionState.OPEN, "open " + r));
                case 4 -> log.append(r, s -> new CaptureEvent.TimingEvent(s, CaptureEvent.Phase.TLS, r, "tls"));
                case 5 -> log.append(r, s -> r % 1000 != 5 ? new CaptureEvent.NoteEvent(s, Severity.INFO, "n")
                        : new CaptureEvent.HandshakeEvent(s, "GET /".getBytes(StandardCharsets
                        .US_ASCII), "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII), new byte[0], 101, "acc",
                        Optional.of("acc"), Optional.empty(), "", "", List.of()));
                case 6 -> log.append(r, s -> r % 1000 != 6 ? new CaptureEvent.NoteEvent(s, Severity.INFO, "c")
                        : new CaptureEvent.CloseEvent(s, CaptureEvent.Initiator.CLIENT,
                        OptionalInt.of(1000), "bye", OptionalInt.empty(), "", true, OptionalLong.of(r)));
                default -> {
                    PlainFrames run = new PlainFrames();
                    server.takePlainFrames(ByteBuffer.wrap(FrameEncoder.text("plain " + n).encode()), run);
                    log.appendPlainFrames(r, run);
                }
            }
        }
    }

    /** An event with its payloads and byte arrays as their bytes: equal events, equal strings. */
    static String canonical(CaptureEvent e) {
        if (e instanceof FrameEvent f) {
            return "frame " + f.stamp() + " " + f.dir() + " " + f.header() + " " + f.chunkOffset() + " " + f.lastChunk()
                    + " " + bytes(f.payload()) + " " + f.messageOpcode() + " " + f.inflated().map(p -> bytes(p)) + " "
                    + f.findings();
        }
        if (e instanceof MessageEvent m) {
            return "message " + m.stamp() + " " + m.dir() + " " + m.header() + " " + bytes(m.payload());
        }
        if (e instanceof CaptureEvent.HeartbeatEvent h) {
            return "heartbeat " + h.stamp() + " " + h.kind() + " " + Arrays.toString(h.payload()) + " " + h.rttNanos();
        }
        if (e instanceof CaptureEvent.HandshakeEvent h) {
            return "handshake " + h.stamp() + " " + Arrays.toString(h.rawRequest()) + " "
                    + Arrays.toString(h.rawResponse()) + " " + h.status() + " " + h.receivedAccept();
        }
        return e.toString();
    }

    private static String bytes(Payload p) {
        return p.length() + ":" + Arrays.toString(p.bytes());
    }
}
