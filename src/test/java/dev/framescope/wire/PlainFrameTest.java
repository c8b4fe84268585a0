package dev.framescope.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain-frame fast path ({@link StreamDissector#takePlainFrames}) against the general path: on random streams of
 * well-formed and broken frames, whatever the fast path takes must be exactly what the general path reports as a
 * finding-free frame and one-frame message, and the dissector must go on identically afterwards.
 */
class PlainFrameTest {

    @Test
    void aWholeBinaryOrValidTextServerFrameIsPlain() {
        assertPlain(FrameEncoder.binary(new byte[16]).encode(), 2, 16);
        assertPlain(FrameEncoder.text("héllo").encode(), 2, 6);
        assertPlain(FrameEncoder.binary(new byte[126]).encode(), 4, 126);
        assertPlain(FrameEncoder.binary(new byte[70_000]).encode(), 10, 70_000);
        assertPlain(FrameEncoder.binary(new byte[0]).encode(), 2, 0);
    }

    @Test
    void whatBreaksARuleOrIsNotAWholeMessageIsNot() {
        byte[] invalidUtf8 = {'o', 'k', (byte) 0xC3};
        List<byte[]> notPlain = List.of(
                FrameEncoder.frame(Opcode.TEXT).payload(invalidUtf8).encode(),
                FrameEncoder.text("fragment").fin(false).encode(),
                FrameEncoder.frame(Opcode.CONTINUATION).payload(new byte[3]).encode(),
                FrameEncoder.binary(new byte[3]).rsv1(true).encode(),
                FrameEncoder.binary(new byte[3]).rsv3(true).encode(),
                FrameEncoder.binary(new byte[3]).masked(0x01020304).encode(),
                FrameEncoder.binary(new byte[3]).lengthEncoding(LengthEncoding.EXTENDED_16).encode(),
                FrameEncoder.binary(new byte[300]).lengthEncoding(LengthEncoding.EXTENDED_64).encode(),
                FrameEncoder.binary(new byte[StreamDissector.PLAIN_MAX_PAYLOAD + 1]).encode(),
                FrameEncoder.ping(new byte[2]).encode(),
                FrameEncoder.close(1000, "bye").encode(),
                FrameEncoder.frame(Opcode.of(3)).payload(new byte[2]).encode());
        for (byte[] frame : notPlain) {
            StreamDissector d = new StreamDissector(Sender.SERVER);
            assertFalse(d.plainFrameAt(ByteBuffer.wrap(frame)), Bytes.hex(Arrays.copyOf(frame, 4)));
        }
    }

    @Test
    void aClientsFramesNeverTakeTheFastPath() {
        StreamDissector d = new StreamDissector(Sender.CLIENT);
        assertFalse(d.plainFrameAt(ByteBuffer.wrap(FrameEncoder.binary(new byte[4]).masked(7).encode())));
    }

    @Test
    void noFrameIsPlainInsideAFragmentedMessageOrAfterTheClose() {
        StreamDissector d = new StreamDissector(Sender.SERVER);
        byte[] whole = FrameEncoder.binary(new byte[4]).encode();
        d.feed(FrameEncoder.text("start").fin(false).encode());
        assertFalse(d.plainFrameAt(ByteBuffer.wrap(whole)));
        d.feed(FrameEncoder.frame(Opcode.CONTINUATION).payload(new byte[1]).encode());
        assertTrue(d.plainFrameAt(ByteBuffer.wrap(whole)));
        d.feed(FrameEncoder.close(1000, "").encode());
        assertFalse(d.plainFrameAt(ByteBuffer.wrap(whole)));
    }

    @Test
    void everyCutOfAPlainFrameIsUnfinishedAndNoCutOfABrokenOneIs() {
        byte[] plain = FrameEncoder.binary(new byte[70_000]).encode();
        byte[] masked = FrameEncoder.binary(new byte[300]).masked(9).encode();
        StreamDissector d = new StreamDissector(Sender.SERVER);
        for (int cut = 1; cut < plain.length; cut += cut < 20 ? 1 : 997) {
            assertTrue(d.plainFrameUnfinished(ByteBuffer.wrap(plain, 0, cut)), "cut at " + cut);
            assertFalse(d.plainFrameAt(ByteBuffer.wrap(plain, 0, cut)));
        }
        assertFalse(d.plainFrameUnfinished(ByteBuffer.wrap(plain)));
        for (int cut = 2; cut < masked.length; cut++) {
            assertFalse(d.plainFrameUnfinished(ByteBuffer.wrap(masked, 0, cut)), "cut at " + cut);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void theFastPathAgreesWithTheGeneralPathOnRandomStreams(long seed) {
        Random random = new Random(seed);
        byte[] stream = randomStream(random, 400);
        boolean deflate = seed % 3 == 0;
        List<String> general = describe(dissector(deflate).feed(stream));
        // Whole stream at once, then cut at random with the unfinished plain frame carried over, as the engine does.
        assertEquals(general, withFastPath(dissector(deflate), List.of(stream)), "seed " + seed);
        assertEquals(general, withFastPath(dissector(deflate), Bytes.split(stream, seed)), "seed " + seed + " cut");
    }

    private static StreamDissector dissector(boolean deflate) {
        StreamDissector d = new StreamDissector(Sender.SERVER);
        if (deflate) {
            d.enableDeflate(15, true, 1 << 20);
        }
        return d;
    }

    /** Feeds the pieces the engine's way: plain frames taken directly, unfinished ones carried to the next piece. */
    private static List<String> withFastPath(StreamDissector d, List<byte[]> pieces) {
        List<String> out = new ArrayList<>();
        byte[] carry = new byte[0];
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(Bytes.concat(carry, piece));
            carry = new byte[0];
            while (in.hasRemaining()) {
                PlainFrames run = new PlainFrames();
                d.takePlainFrames(in, run);
                for (int i = 0; i < run.count(); i++) {
                    out.addAll(plainItems(run, i));
                }
                if (d.plainFrameUnfinished(in)) {
                    carry = Arrays.copyOfRange(in.array(), in.position(), in.limit());
                    break;
                }
                List<Dissected> items = new ArrayList<>();
                if (!d.feedOne(in, items)) {
                    break;
                }
                out.addAll(describe(items));
            }
        }
        out.addAll(describe(d.feed(carry)));
        return out;
    }

    /** What the general path reports for a plain frame, built from the bytes alone. */
    private static List<String> plainItems(PlainFrames run, int i) {
        int start = run.frameStart(i);
        byte[] bytes = Arrays.copyOfRange(run.array(), start, start + run.headerBytes(i) + run.payloadLength(i));
        StreamDissector fresh = new StreamDissector(Sender.SERVER,
                DecoderOptions.defaults().withStartOffset(run.streamOffset(i)), MessageAssembler.DEFAULT_RETAINED_BYTES);
        List<Dissected> items = fresh.feed(bytes);
        assertEquals(2, items.size());
        Dissected.FrameItem frame = (Dissected.FrameItem) items.get(0);
        Dissected.MessageItem message = (Dissected.MessageItem) items.get(1);
        assertEquals(List.of(), frame.findings());
        assertEquals(List.of(), message.message().findings());
        assertEquals(1, message.message().frameCount());
        assertFalse(message.message().compressed());
        return describe(items);
    }

    private static List<String> describe(List<Dissected> items) {
        List<String> out = new ArrayList<>();
        for (Dissected item : items) {
            if (item instanceof Dissected.FrameItem f) {
                out.add("frame " + f.frame().header() + " chunk " + f.frame().chunkOffset() + "/" + f.frame().lastChunk()
                        + " " + digest(f.frame().payload()) + " " + f.messageOpcode() + " "
                        + f.inflated().map(PlainFrameTest::digest) + " " + f.findings());
            } else if (item instanceof Dissected.MessageItem m) {
                Message msg = m.message();
                out.add("message " + msg.withoutPayload() + " " + digest(msg.payload()));
            }
        }
        return out;
    }

    private static String digest(byte[] bytes) {
        return bytes.length + "#" + Arrays.hashCode(bytes);
    }

    /** Mostly plain frames, with every kind of trouble mixed in. */
    private static byte[] randomStream(Random random, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            int kind = random.nextInt(20);
            byte[] payload = new byte[size(random)];
            random.nextBytes(payload);
            byte[] text = ("tëxt " + i + " " + "x".repeat(payload.length % 200)).getBytes(StandardCharsets.UTF_8);
            FrameEncoder f = switch (kind) {
                case 0 -> FrameEncoder.text("part " + i).fin(false);
                case 1 -> FrameEncoder.frame(Opcode.CONTINUATION).payload(text).fin(random.nextBoolean());
                case 2 -> FrameEncoder.frame(Opcode.TEXT).payload(payload);
                case 3 -> FrameEncoder.binary(payload).rsv1(true);
                case 4 -> FrameEncoder.binary(payload).masked(random.nextInt());
                case 5 -> FrameEncoder.ping(Arrays.copyOf(payload, Math.min(payload.length, 125)));
                case 6 -> FrameEncoder.binary(payload).lengthEncoding(LengthEncoding.EXTENDED_64);
                case 7 -> FrameEncoder.frame(Opcode.TEXT).payload(Arrays.copyOf("të".getBytes(StandardCharsets.UTF_8), 2));
                case 8, 9, 10, 11 -> FrameEncoder.frame(Opcode.TEXT).payload(text);
                default -> FrameEncoder.binary(payload);
            };
            out.writeBytes(f.encode());
        }
        out.writeBytes(FrameEncoder.close(1000, "end").encode());
        out.writeBytes(FrameEncoder.binary(new byte[3]).encode());
        return out.toByteArray();
    }

    private static int size(Random random) {
        int r = random.nextInt(100);
        return r < 75 ? random.nextInt(126) : r < 98 ? 126 + random.nextInt(70_000) : 65_536 + random.nextInt(200_000);
    }

    private static void assertPlain(byte[] frame, int header, int length) {
        StreamDissector d = new StreamDissector(Sender.SERVER);
        PlainFrames run = new PlainFrames();
        ByteBuffer in = ByteBuffer.wrap(frame);
        assertEquals(frame.length, d.takePlainFrames(in, run));
        assertEquals(1, run.count());
        assertEquals(header, run.headerBytes(0));
        assertEquals(length, run.payloadLength(0));
        assertEquals(0, run.streamOffset(0));
        assertEquals(frame.length, in.position());
        assertEquals(frame.length, d.streamOffset());
    }
}
