package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.ConnectionState;
import dev.framescope.capture.Direction;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.Payload;
import dev.framescope.capture.PayloadStore;
import dev.framescope.capture.io.SessionReader.LoadProblem;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Sender;
import dev.framescope.wire.Severity;
import dev.framescope.wire.StreamDissector;
import dev.framescope.wire.Violation;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session format version 2: round trips, damage, and payloads that never sit whole on the heap. */
class SessionV2Test {

    @TempDir
    Path dir;

    /** One event of every kind; frames from real bytes: masked, fragmented, compressed, chunked, plain, flawed. */
    static CaptureLog sample() {
        CaptureLog log = new CaptureLog(3, "ws://h/feed", new PayloadStore(1 << 20));
        long t = log.nanoAnchor();
        log.append(t + 1, s -> new CaptureEvent.StateEvent(s, ConnectionState.OPEN, "open"));
        log.append(t + 2, s -> new CaptureEvent.TimingEvent(s, CaptureEvent.Phase.TCP, 1234, "127.0.0.1:80"));
        log.append(t + 3, s -> new CaptureEvent.TlsEvent(s, "TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of("CN=x"),
                true, false));
        log.append(t + 4, s -> new CaptureEvent.HandshakeEvent(s, "GET / HTTP/1.1\r\n\r\n".getBytes(
                StandardCharsets.ISO_8859_1), "HTTP/1.1 101 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {1, 2}, 101, "acc", Optional.of("acc"), Optional.of("chat"), "permessage-deflate",
                "permessage-deflate", List.of()));
        log.append(t + 5, s -> new CaptureEvent.NegotiationEvent(s, "permessage-deflate", "permessage-deflate",
                List.of("effect"), List.of()));
        StreamDissector in = new StreamDissector(Sender.SERVER);
        in.enableDeflate(15, true, 1 << 20);
        dissect(log, t + 6, Direction.IN, in, HexFormat.of().parseHex("c107f248cdc9c90700"));
        dissect(log, t + 7, Direction.OUT, new StreamDissector(Sender.CLIENT), concat(
                FrameEncoder.text("frag-").fin(false).masked(0x01020304).encode(),
                FrameEncoder.frame(dev.framescope.wire.Opcode.CONTINUATION).payload("mented".getBytes(StandardCharsets.UTF_8))
                        .masked(0x0a0b0c0d).encode()));
        dissect(log, t + 8, Direction.IN, new StreamDissector(Sender.SERVER), new byte[] {(byte) 0x83, 0});
        StreamDissector plain = new StreamDissector(Sender.SERVER);
        ByteBuffer plainBytes = ByteBuffer.wrap(concat(FrameEncoder.binary(new byte[] {9, 8, 7}).encode(),
                FrameEncoder.text("tick").encode()));
        while (plainBytes.hasRemaining()) {
            appendPlain(log, t + 9, plain, plainBytes);
        }
        CaptureEvent.FrameEvent first = (CaptureEvent.FrameEvent) log.get(5);
        log.append(t + 10, s -> new CaptureEvent.FrameEvent(s, Direction.IN, first.header(), 3, false,
                Payload.of(new byte[] {5, 6}), Optional.of(dev.framescope.wire.Opcode.BINARY), Optional.empty(),
                List.of(Finding.at(Violation.TRUNCATED_FRAME, 77, "chunk"))));
        log.append(t + 11, s -> new CaptureEvent.MessageEvent(s, Direction.IN, new dev.framescope.wire.Message(
                Sender.SERVER, dev.framescope.wire.Opcode.BINARY, 40, 1, 2, false, 9, new byte[] {1, 1},
                List.of(Finding.at(Violation.INVALID_UTF8, 41, "m")))));
        log.append(t + 12, s -> new CaptureEvent.HeartbeatEvent(s, CaptureEvent.HeartbeatKind.PONG_RECEIVED,
                new byte[] {1}, OptionalLong.of(500)));
        log.append(t + 13, s -> new CaptureEvent.ViolationEvent(s, Direction.IN,
                Finding.at(Violation.TRUNCATED_FRAME, 12, "x")));
        log.append(t + 14, s -> new CaptureEvent.CloseEvent(s, CaptureEvent.Initiator.SERVER, OptionalInt.of(1000),
                "", OptionalInt.of(1001), "bye", true, OptionalLong.of(99)));
        log.append(t + 15, s -> new CaptureEvent.NoteEvent(s, Severity.WARNING, "note"));
        log.append(t + 16, s -> new CaptureEvent.RelayEvent(s, Direction.OUT, CaptureEvent.RelayMark.REPLACED,
                List.of(6L, 7L), List.of(9L)));
        return log;
    }

    /** What the engine does with plain frames: the dissector takes a run, the log records it compactly. */
    private static void appendPlain(CaptureLog log, long nanos, StreamDissector d, ByteBuffer in) {
        dev.framescope.wire.PlainFrames run = new dev.framescope.wire.PlainFrames();
        assertTrue(d.takePlainFrames(in, run) > 0, "plain frames");
        log.appendPlainFrames(nanos, run);
    }

    private static void dissect(CaptureLog log, long nanos, Direction dir, StreamDissector d, byte[] bytes) {
        for (Dissected item : d.feed(bytes)) {
            if (item instanceof Dissected.FrameItem f) {
                Payload p = log.payloads().store(f.frame().payload());
                log.append(nanos, s -> new CaptureEvent.FrameEvent(s, dir, f.frame().header(), f.frame().chunkOffset(),
                        f.frame().lastChunk(), p, f.messageOpcode(), f.inflated().map(log.payloads()::store),
                        f.findings()));
            } else if (item instanceof Dissected.MessageItem m) {
                log.append(nanos, s -> new CaptureEvent.MessageEvent(s, dir, m.message()));
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private Path write(CaptureLog log) throws Exception {
        Path file = dir.resolve("s.fscap");
        try (SessionV2Writer w = new SessionV2Writer(file, true)) {
            w.write(log, log.readFrom(0, log.size()));
        }
        return file;
    }

    /** Everything a v1 line says about an event: the comparison of two events field by field. */
    static String describe(CaptureLog log, CaptureEvent e) {
        return SessionJson.toJson(log, e, true).toString();
    }

    @Test
    void everyEventTypeRoundTripsFieldByField() throws Exception {
        CaptureLog original = sample();
        Set<Class<?>> kinds = original.readFrom(0, original.size()).stream().map(Object::getClass)
                .collect(Collectors.toSet());
        assertEquals(Set.of(CaptureEvent.class.getPermittedSubclasses()), kinds, "the sample has every kind");

        SessionReader.Loaded loaded = SessionFiles.load(write(original), 1 << 20);
        assertEquals(List.of(), loaded.problems());
        CaptureLog back = loaded.logs().get(0);
        assertEquals(original.size(), back.size());
        assertEquals("ws://h/feed", back.label());
        for (int i = 0; i < original.size(); i++) {
            assertEquals(describe(original, original.get(i)), describe(back, back.get(i)), "event " + i);
            assertEquals(original.get(i).nanos() - original.nanoAnchor(), back.get(i).nanos() - back.nanoAnchor(),
                    "time of event " + i + " to the nanosecond");
        }
    }

    @Test
    void messagesReferToTheirFramesSoPayloadBytesAreStoredOnce() throws Exception {
        CaptureLog log = new CaptureLog(1, "ticker", new PayloadStore(64 << 20));
        StreamDissector d = new StreamDissector(Sender.SERVER);
        byte[] payload = new byte[80];
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            payload[0] = (byte) i;
            wire.writeBytes(FrameEncoder.binary(payload).encode());
        }
        ByteBuffer bytes = ByteBuffer.wrap(wire.toByteArray());
        while (bytes.hasRemaining()) {
            appendPlain(log, log.nanoAnchor() + bytes.position() * 250L, d, bytes);
        }
        Path file = write(log);
        long perFrame = (Files.size(file) - 10_000L * 80) / 10_000;
        assertTrue(perFrame <= 40, "payload + " + perFrame + " B per frame (frame and message records)");
        CaptureLog back = SessionFiles.load(file, 64 << 20).logs().get(0);
        assertEquals(20_000, back.size());
        long indexPerFrame = back.payloads().budget().indexBytes() / 10_000;
        assertTrue(indexPerFrame <= 48, "loaded as compactly as captured: " + indexPerFrame + " B of index a frame");
        for (int i = 0; i < back.size(); i += 997) {
            assertEquals(describe(log, log.get(i)), describe(back, back.get(i)), "event " + i);
        }
        MemoryBudget budget = back.payloads().budget();
        back.close();
        assertTrue(budget.freeBlockBytes() > 0, "a loaded file's plain frames were packed into direct buffers outside"
                + " the heap, which the budget takes back for the next blocks");
    }

    @Test
    void aTornTailLosesOnlyTheRecordItCuts() throws Exception {
        CaptureLog original = sample();
        byte[] whole = Files.readAllBytes(write(original));
        for (int cut : new int[] {1, 3, 7}) {
            Path torn = dir.resolve("torn" + cut + ".fscap");
            Files.write(torn, Arrays.copyOf(whole, whole.length - cut));
            SessionReader.Loaded loaded = SessionFiles.load(torn, 1 << 20);
            assertEquals(original.size() - 1, loaded.logs().get(0).size(), "all but the last event, cut " + cut);
            assertEquals(1, loaded.problems().size(), loaded.problems().toString());
            LoadProblem p = loaded.problems().get(0);
            assertEquals("record", p.unit());
            assertTrue(p.message().contains("torn tail") && p.message().contains("byte offset"), p.toString());
        }
    }

    @Test
    void aDamagedRecordIsNamedByNumberAndOffsetAndSkipped() throws Exception {
        CaptureLog original = sample();
        Path file = write(original);
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "note".getBytes(StandardCharsets.UTF_8), 0) - 40;
        int damaged = indexOf(bytes, "TLSv1.3".getBytes(StandardCharsets.UTF_8), 0);
        bytes[damaged] ^= 0x20;
        Files.write(file, bytes);
        SessionReader.Loaded loaded = SessionFiles.load(file, 1 << 20);
        assertEquals(1, loaded.problems().size(), loaded.problems().toString());
        LoadProblem p = loaded.problems().get(0);
        assertEquals(5, p.line(), "header, connection, state, timing, then the TLS record: " + p);
        assertTrue(p.message().contains("checksum mismatch"), p.toString());
        assertTrue(p.message().startsWith("byte offset "), p.toString());
        CaptureLog back = loaded.logs().get(0);
        assertEquals(original.size() - 1, back.size());
        assertTrue(back.readFrom(0, back.size()).stream().noneMatch(CaptureEvent.TlsEvent.class::isInstance));
        assertTrue(at > 0);
    }

    @Test
    void garbageInTheMiddleIsSkippedToTheNextWholeRecord() throws Exception {
        CaptureLog original = sample();
        byte[] bytes = Files.readAllBytes(write(original));
        int at = indexOf(bytes, "TLSv1.3".getBytes(StandardCharsets.UTF_8), 0);
        byte[] garbage = new byte[300];
        Arrays.fill(garbage, (byte) 'F');
        Path file = dir.resolve("garbage.fscap");
        Files.write(file, concat(Arrays.copyOf(bytes, at), garbage, Arrays.copyOfRange(bytes, at, bytes.length)));
        SessionReader.Loaded loaded = SessionFiles.load(file, 1 << 20);
        assertEquals(original.size() - 1, loaded.logs().get(0).size(), loaded.problems().toString());
        assertTrue(loaded.problems().get(0).message().contains("bytes to the next whole record"),
                loaded.problems().toString());
    }

    @Test
    void anySingleDamagedByteCostsAtMostTheRecordsItTouches() throws Exception {
        CaptureLog original = sample();
        byte[] whole = Files.readAllBytes(write(original));
        java.util.Random random = new java.util.Random(15);
        Path file = dir.resolve("flipped.fscap");
        for (int round = 0; round < 300; round++) {
            byte[] bytes = whole.clone();
            int at = 8 + random.nextInt(whole.length - 8);
            bytes[at] ^= (byte) (1 + random.nextInt(255));
            Files.write(file, bytes);
            SessionReader.Loaded loaded = SessionFiles.load(file, 1 << 20);
            int events = loaded.logs().stream().mapToInt(CaptureLog::size).sum();
            assertTrue(events >= original.size() - 2, "byte " + at + ": " + events + " events, "
                    + loaded.problems());
            assertTrue(!loaded.problems().isEmpty(), "byte " + at + " damaged and named");
        }
    }

    /**
     * The compression bomb's frame: its inflation (here 80 MiB, past the default 64 MiB limit) goes out in pieces
     * and is never asked for whole.
     */
    @Test
    void aHugeInflationIsWrittenWithoutEverBeingWhole() throws Exception {
        long huge = 80L << 20;
        Payload inflation = new Payload() {
            @Override
            public int length() {
                return (int) huge;
            }

            @Override
            public byte[] bytes() {
                throw new AssertionError("the writer asked for the whole inflation");
            }

            @Override
            public void copyTo(java.io.OutputStream out) throws java.io.IOException {
                byte[] piece = new byte[1 << 20];
                for (long done = 0; done < huge; done += piece.length) {
                    out.write(piece);
                }
            }
        };
        CaptureLog log = new CaptureLog(1, "bomb", new PayloadStore(1 << 20));
        byte[] compressed = new byte[1000];
        var header = new StreamDissector(Sender.SERVER).feed(FrameEncoder.binary(compressed).rsv1(true).encode())
                .stream().filter(Dissected.FrameItem.class::isInstance).map(i -> ((Dissected.FrameItem) i).frame())
                .findFirst().orElseThrow().header();
        log.append(log.nanoAnchor(), s -> new CaptureEvent.FrameEvent(s, Direction.IN, header, 0, true,
                Payload.of(compressed), Optional.of(dev.framescope.wire.Opcode.BINARY), Optional.of(inflation),
                List.of(Finding.at(Violation.INFLATE_LIMIT_EXCEEDED, 0, "stopped"))));
        CountingStream sink = new CountingStream();
        try (SessionV2Writer w = new SessionV2Writer(sink, true)) {
            w.write(log, log.readFrom(0, log.size()));
        }
        assertTrue(sink.count > huge + compressed.length, sink.count + " bytes written");
        assertTrue(sink.count < huge + compressed.length + 1024, "header and one record: " + sink.count);
    }

    private static final class CountingStream extends java.io.OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
