package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.MemoryBudget;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The relay's recorder on streams cut anywhere by reads: a plain frame cut by a read is recorded whole. */
class RelayRecorderTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void framesCutByReadsAreRecordedAsWhenEachStreamCameInOneRead() {
        Random random = new Random(21);
        byte[] app = cat(request(), frames(random, true));
        byte[] server = cat(response(), frames(random, false));
        CaptureLog whole = relay(app, server, bytes -> new int[] {bytes.length});
        for (int seed = 0; seed < 5; seed++) {
            Random cuts = new Random(seed);
            CaptureLog cut = relay(app, server, bytes -> cuts(cuts, bytes.length));

            List<String> expected = describe(whole);
            List<String> got = describe(cut);
            assertEquals(expected.size(), got.size(), "seed " + seed);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), got.get(i), "seed " + seed + ", event " + i);
            }
            long plain = frameEvents(cut).filter(RelayRecorderTest::plain).count();
            assertEquals(frameEvents(cut).filter(RelayRecorderTest::plain)
                    .filter(f -> f.chunkOffset() == 0 && f.lastChunk()).count(), plain,
                    "every plain frame recorded whole, none in chunks");
            assertTrue(plain > 100, "plain frames " + plain);
            assertEquals(whole.payloads().budget().indexBytes(), cut.payloads().budget().indexBytes(),
                    "as compact as one read: the cut frames took the fast path, not the general path's objects");
        }
    }

    @Test
    void aStreamEndingInsideACarriedFrameIsDissectedAsEndingInsideAFrame() {
        byte[] frame = FrameEncoder.binary(new byte[1_000]).masked(0x01020304).encode();
        CaptureLog log = new CaptureLog(1, "cut", PayloadStore.outsideHeap(new MemoryBudget(1 << 20)));
        RelayRecorder r = new RelayRecorder(log, () -> 5);
        r.fromClient(request(), 0, request().length, 1);
        r.fromServer(response(), 0, response().length, 2);
        r.fromClient(frame, 0, 600, 3);
        assertTrue(frameEvents(log).findAny().isEmpty(), "the cut frame waits for its rest");
        r.ended(Sender.CLIENT, Optional.empty());

        List<CaptureEvent.ViolationEvent> ends = log.readFrom(0, log.size()).stream()
                .filter(e -> e instanceof CaptureEvent.ViolationEvent).map(e -> (CaptureEvent.ViolationEvent) e).toList();
        assertEquals(1, ends.size());
        assertEquals(request().length, ends.get(0).finding().streamOffset(), "where the frame began");
        assertTrue(ends.get(0).finding().toString().contains("592 of 1000 payload bytes"), ends.get(0).toString());
    }

    private interface Cuts {
        int[] of(byte[] bytes);
    }

    private static CaptureLog relay(byte[] app, byte[] server, Cuts cuts) {
        CaptureLog log = new CaptureLog(1, "relay", PayloadStore.outsideHeap(new MemoryBudget(256L << 20)));
        RelayRecorder r = new RelayRecorder(log, () -> 7);
        int head = response().length;
        r.fromClient(app, 0, request().length, 1);
        r.fromServer(server, 0, head, 2);
        feed(app, request().length, cuts, r::fromClient);
        feed(server, head, cuts, r::fromServer);
        r.ended(Sender.CLIENT, Optional.empty());
        r.ended(Sender.SERVER, Optional.empty());
        return log;
    }

    private interface Read {
        void read(byte[] b, int off, int len, long nanos);
    }

    /** Each read copied into a buffer of its own, reused, as the relay reads into one buffer. */
    private static void feed(byte[] stream, int from, Cuts cuts, Read read) {
        byte[] rest = Arrays.copyOfRange(stream, from, stream.length);
        byte[] buf = new byte[rest.length];
        int at = 0;
        for (int n : cuts.of(rest)) {
            System.arraycopy(rest, at, buf, 0, n);
            read.read(buf, 0, n, 3);
            Arrays.fill(buf, 0, n, (byte) 0x55);
            at += n;
        }
    }

    private static int[] cuts(Random random, int length) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int n = Math.min(left, random.nextInt(4) == 0 ? 1 + random.nextInt(16) : 1 + random.nextInt(70_000));
            sizes.add(n);
            left -= n;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Plain frames of many sizes, with frames the fast path refuses between them: cut anywhere by the reads. */
    private static byte[] frames(Random random, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {0, 1, 125, 126, 65_535, 65_536, 70_000, StreamDissector.PLAIN_MAX_PAYLOAD,
                StreamDissector.PLAIN_MAX_PAYLOAD + 1, 1_024};
        for (int i = 0; i < 400; i++) {
            FrameEncoder f;
            if (i % 50 == 7) {
                f = FrameEncoder.ping(new byte[] {(byte) i});
            } else if (i % 50 == 11) {
                f = FrameEncoder.frame(Opcode.TEXT).payload(new byte[] {(byte) 0xC3, 0x28}); // invalid UTF-8
            } else if (i % 50 == 13) {
                out.writeBytes(encode(FrameEncoder.text("part one, ").fin(false), masked, random));
                f = FrameEncoder.frame(Opcode.CONTINUATION).payload("part two".getBytes(StandardCharsets.UTF_8));
            } else if (i % 3 == 0) {
                f = FrameEncoder.text("ünïcode " + i);
            } else {
                byte[] payload = new byte[i < sizes.length ? sizes[i] : random.nextInt(3_000)];
                random.nextBytes(payload);
                f = FrameEncoder.binary(payload);
            }
            out.writeBytes(encode(f, masked, random));
        }
        return out.toByteArray();
    }

    private static byte[] encode(FrameEncoder f, boolean masked, Random random) {
        return (masked ? f.masked(random.nextInt()) : f.unmasked()).encode();
    }

    /** Frames and messages by content, without their stamps (the reads differ) and without non-plain frames' chunks. */
    private static List<String> describe(CaptureLog log) {
        List<String> out = new ArrayList<>();
        for (CaptureEvent e : log.readFrom(0, log.size())) {
            if (e instanceof CaptureEvent.FrameEvent f && plain(f)) {
                out.add("frame " + f.dir() + " " + f.header() + " " + hex(f.payload().bytes()) + " " + f.findings());
            } else if (e instanceof CaptureEvent.MessageEvent m) {
                out.add("message " + m.dir() + " " + m.header().opcode() + " " + m.header().startOffset() + " "
                        + hex(m.payload().bytes()) + " " + m.header().findings());
            } else if (e instanceof CaptureEvent.HeartbeatEvent h) {
                out.add("heartbeat " + h.kind());
            }
        }
        return out;
    }

    /** A frame the fast path takes whole: FIN, data, no findings, at most PLAIN_MAX_PAYLOAD bytes. */
    private static boolean plain(CaptureEvent.FrameEvent f) {
        return f.header().fin() && (f.header().opcode() == Opcode.TEXT || f.header().opcode() == Opcode.BINARY)
                && f.findings().isEmpty() && f.header().payloadLength() <= StreamDissector.PLAIN_MAX_PAYLOAD;
    }

    private static java.util.stream.Stream<CaptureEvent.FrameEvent> frameEvents(CaptureLog log) {
        return log.readFrom(0, log.size()).stream().filter(e -> e instanceof CaptureEvent.FrameEvent)
                .map(e -> (CaptureEvent.FrameEvent) e);
    }

    private static String hex(byte[] bytes) {
        return bytes.length > 64 ? bytes.length + "#" + Arrays.hashCode(bytes) : HexFormat.of().formatHex(bytes);
    }

    private static byte[] request() {
        return ("GET /relay HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] response() {
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Handshake.acceptFor(KEY) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] cat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
