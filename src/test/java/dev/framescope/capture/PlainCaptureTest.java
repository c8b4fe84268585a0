package dev.framescope.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Plain frames recorded compactly ({@link CaptureLog#appendPlainFrames}) read back as the general path's events. */
class PlainCaptureTest {

    /** What the engine does: the dissector takes the plain frames, the log records the run. */
    private static int appendPlain(CaptureLog log, long nanos, StreamDissector d, ByteBuffer in) {
        PlainFrames run = new PlainFrames();
        int taken = d.takePlainFrames(in, run);
        log.appendPlainFrames(nanos, run);
        return taken;
    }

    @Test
    void plainFramesReadBackAsTheEventsTheGeneralPathRecords() {
        byte[] stream = plainStream(new Random(11), 3_000);
        CaptureLog compact = new CaptureLog(7, "compact", new PayloadStore(64L << 20));
        StreamDissector fast = new StreamDissector(Sender.SERVER);
        ByteBuffer in = ByteBuffer.wrap(stream);
        long nanos = 1_000;
        while (in.hasRemaining()) {
            int consumed = appendPlain(compact, nanos, fast, in);
            assertTrue(consumed > 0, "every frame of the stream is plain");
        }

        CaptureLog general = new CaptureLog(7, "general", new PayloadStore(64L << 20));
        for (Dissected item : new StreamDissector(Sender.SERVER).feed(stream)) {
            if (item instanceof Dissected.FrameItem f) {
                Payload p = general.payloads().store(f.frame().payload());
                general.append(nanos, s -> new CaptureEvent.FrameEvent(s, Direction.IN, f.frame().header(), 0, true,
                        p, f.messageOpcode(), f.inflated().map(general.payloads()::store), f.findings()));
            } else if (item instanceof Dissected.MessageItem m) {
                general.append(nanos, s -> new CaptureEvent.MessageEvent(s, Direction.IN, m.message(),
                        general.payloads().store(m.message().payload())));
            }
        }

        assertEquals(general.size(), compact.size());
        assertEquals(6_000, compact.size(), "a frame and a message per frame");
        for (int i = 0; i < general.size(); i++) {
            assertEquals(describe(general.get(i)), describe(compact.get(i)), "event " + i);
        }
        assertEquals(describe(general.readFrom(10, 50)), describe(compact.readFrom(10, 50)));
        assertEquals(general.counters(), compact.counters());
        assertEquals(stream.length, fast.streamOffset());
    }

    @Test
    void maskedClientFramesKeptMaskedReadBackAsTheGeneralPathsEventsUnmasked() {
        Random random = new Random(13);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {0, 1, 125, 126, 127, 65_535, 65_536, 70_000};
        for (int i = 0; i < 2_000; i++) {
            int key = i == 5 ? 0 : random.nextInt();
            if (i % 3 == 0) {
                out.writeBytes(FrameEncoder.text("ünïcode " + i).masked(key).encode());
                continue;
            }
            byte[] payload = new byte[i < sizes.length * 2 ? sizes[i % sizes.length] : random.nextInt(300)];
            random.nextBytes(payload);
            out.writeBytes(FrameEncoder.binary(payload).masked(key).encode());
        }
        byte[] stream = out.toByteArray();
        CaptureLog compact = new CaptureLog(7, "compact", new PayloadStore(64L << 20));
        StreamDissector fast = new StreamDissector(Sender.CLIENT);
        PlainFrames run = new PlainFrames();
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (in.hasRemaining()) {
            assertTrue(fast.takeMaskedPlainFrames(in, run) > 0, "every frame of the stream is plain");
            compact.appendPlainFrames(9, run);
        }
        CaptureLog general = new CaptureLog(7, "general", new PayloadStore(64L << 20));
        for (Dissected item : new StreamDissector(Sender.CLIENT).feed(stream)) {
            if (item instanceof Dissected.FrameItem f) {
                Payload p = general.payloads().store(f.frame().payload());
                general.append(9, s -> new CaptureEvent.FrameEvent(s, Direction.OUT, f.frame().header(), 0, true,
                        p, f.messageOpcode(), f.inflated().map(general.payloads()::store), f.findings()));
            } else if (item instanceof Dissected.MessageItem m) {
                general.append(9, s -> new CaptureEvent.MessageEvent(s, Direction.OUT, m.message(),
                        general.payloads().store(m.message().payload())));
            }
        }
        assertEquals(4_000, compact.size(), "a frame and a message per frame");
        assertEquals(general.size(), compact.size());
        for (int i = 0; i < general.size(); i++) {
            assertEquals(describe(general.get(i)), describe(compact.get(i)), "event " + i);
        }
        assertEquals(general.counters(), compact.counters());
        assertTrue(((CaptureEvent.FrameEvent) compact.get(2)).header().masked(), "the header keeps MASK and key");
    }

    @Test
    void plainFramesAndOtherEventsInterleaveInOneSequence() {
        CaptureLog log = new CaptureLog(1, "mixed", new PayloadStore(1 << 20));
        StreamDissector d = new StreamDissector(Sender.SERVER);
        for (int round = 0; round < 3_000; round++) {
            int r = round;
            log.append(r, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "note " + r));
            appendPlain(log, r, d, ByteBuffer.wrap(FrameEncoder.text("text " + r).encode()));
        }
        assertEquals(9_000, log.size());
        for (int i = 0; i < log.size(); i++) {
            CaptureEvent e = log.get(i);
            assertEquals(i, e.seq());
            int round = i / 3;
            switch (i % 3) {
                case 0 -> assertEquals("note " + round, ((CaptureEvent.NoteEvent) e).text());
                case 1 -> assertEquals("text " + round,
                        new String(((CaptureEvent.FrameEvent) e).payload().bytes(), StandardCharsets.UTF_8));
                default -> assertEquals("text " + round,
                        new String(((CaptureEvent.MessageEvent) e).message().payload(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aVisitSeesWhatAReadSeesWithoutBuildingPlainFramesEventsAcrossSpilledSegments() {
        // A budget this small spills the index too: the visit crosses record segments read back from disk.
        CaptureLog log = new CaptureLog(1, "visited", new PayloadStore(new MemoryBudget(256 * 1024)));
        StreamDissector server = new StreamDissector(Sender.SERVER);
        StreamDissector client = new StreamDissector(Sender.CLIENT);
        PlainFrames run = new PlainFrames();
        for (int round = 0; round < 6_000; round++) {
            int r = round;
            if (round % 500 == 0) {
                log.append(r, s -> new CaptureEvent.NoteEvent(s, Severity.INFO, "note " + r));
            }
            byte[] frame = round % 7 == 0 ? FrameEncoder.binary(new byte[r % 90]).masked(r).encode()
                    : FrameEncoder.text("text " + r).encode();
            if (round % 7 == 0) {
                client.takeMaskedPlainFrames(ByteBuffer.wrap(frame), run);
                log.appendPlainFrames(1_000L * r, run);
            } else {
                appendPlain(log, 1_000L * r, server, ByteBuffer.wrap(frame));
            }
        }
        assertTrue(log.spilledIndexSegments() > 0, "the index spilled");

        List<String> visited = new ArrayList<>();
        EventVisitor describing = new EventVisitor() {
            @Override
            public void event(CaptureEvent e) {
                visited.add(describe(e));
            }

            @Override
            public void plain(int seq, boolean message, long nanos, boolean out, boolean text) {
                CaptureEvent e = log.get(seq);
                assertEquals(message, e instanceof CaptureEvent.MessageEvent, "event " + seq);
                assertEquals(e.nanos(), nanos, "event " + seq);
                Direction dir = e instanceof CaptureEvent.FrameEvent f ? f.dir() : ((CaptureEvent.MessageEvent) e).dir();
                assertEquals(dir == Direction.OUT, out, "event " + seq);
                Opcode opcode = e instanceof CaptureEvent.FrameEvent f ? f.header().opcode()
                        : ((CaptureEvent.MessageEvent) e).message().opcode();
                assertEquals(opcode == Opcode.TEXT, text, "event " + seq);
                visited.add(describe(e));
            }
        };
        int at = 0;
        while (at < log.size()) {
            at += log.visit(at, 777, Integer.MAX_VALUE, describing);
        }
        assertEquals(describe(log.readFrom(0, log.size())), visited);

        int[] plains = new int[1];
        int[] events = new int[1];
        EventVisitor counting = new EventVisitor() {
            @Override
            public void event(CaptureEvent e) {
                events[0]++;
            }

            @Override
            public void plain(int seq, boolean message, long nanos, boolean out, boolean text) {
                plains[0]++;
            }
        };
        // The notes are events 0, 1001, 2002, …: the visit stops right after the third.
        assertEquals(2_003, log.visit(0, Integer.MAX_VALUE, 3, counting));
        assertEquals(3, events[0]);
        assertEquals(2_000, plains[0]);
        assertEquals(0, log.visit(log.size(), 10, 10, counting), "nothing past the end");
    }

    @Test
    void packedPayloadsSpillInWholeBlocksAsTheIndexGrowsAndReadBackExactly() {
        MemoryBudget budget = new MemoryBudget(3 << 20);
        CaptureLog log = new CaptureLog(1, "firehose", new PayloadStore(budget));
        StreamDissector d = new StreamDissector(Sender.SERVER);
        Random random = new Random(5);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] payload = new byte[random.nextInt(600)];
            random.nextBytes(payload);
            sent.add(payload);
            appendPlain(log, i, d, ByteBuffer.wrap(FrameEncoder.binary(payload).encode()));
        }
        assertTrue(log.payloads().bytesSpilled() > 0, "blocks went to disk");
        assertTrue(budget.used() <= budget.limit(), "index " + budget.indexBytes() + " + payloads "
                + budget.payloadBytes() + " within " + budget.limit());
        for (int i = 0; i < sent.size(); i++) {
            CaptureEvent.FrameEvent f = (CaptureEvent.FrameEvent) log.get(2 * i);
            CaptureEvent.MessageEvent m = (CaptureEvent.MessageEvent) log.get(2 * i + 1);
            assertArrayEquals(sent.get(i), f.payload().bytes(), "frame " + i);
            assertArrayEquals(sent.get(i), m.message().payload(), "message " + i);
        }
        log.close();
        assertEquals(0, budget.used(), "a closed log gives its index and payloads back");
    }

    private static byte[] plainStream(Random random, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {0, 1, 125, 126, 127, 65_535, 65_536, 70_000};
        for (int i = 0; i < frames; i++) {
            if (i % 3 == 0) {
                out.writeBytes(FrameEncoder.text("ünïcode " + i).encode());
                continue;
            }
            byte[] payload = new byte[i < sizes.length * 2 ? sizes[i % sizes.length] : random.nextInt(300)];
            random.nextBytes(payload);
            out.writeBytes(FrameEncoder.binary(payload).encode());
        }
        return out.toByteArray();
    }

    private static List<String> describe(List<CaptureEvent> events) {
        return events.stream().map(PlainCaptureTest::describe).toList();
    }

    /** Every field, with payload bytes by content (the two logs hold them differently). */
    private static String describe(CaptureEvent e) {
        if (e instanceof CaptureEvent.FrameEvent f) {
            return "frame " + f.stamp() + " " + f.dir() + " " + f.header() + " " + f.chunkOffset() + " " + f.lastChunk()
                    + " " + hex(f.payload().bytes()) + " " + f.messageOpcode() + " "
                    + f.inflated().map(p -> hex(p.bytes())) + " " + f.findings();
        }
        if (e instanceof CaptureEvent.MessageEvent m) {
            return "message " + m.stamp() + " " + m.dir() + " " + m.header() + " " + hex(m.payload().bytes());
        }
        return e.toString();
    }

    private static String hex(byte[] bytes) {
        return bytes.length > 64 ? bytes.length + "#" + java.util.Arrays.hashCode(bytes) : HexFormat.of().formatHex(bytes);
    }
}
