package dev.framescope.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * The fast path for a client's frames ({@link StreamDissector#takeMaskedPlainFrames}): whatever it takes must be
 * what the general path reports as a finding-free frame and one-frame message, with the payload unmasked by
 * {@link PlainFrames#copyPayload}; the dissector must go on identically afterwards.
 */
class MaskedPlainFramesTest {

    @Test
    void aMaskedClientFrameIsPlainAndAServersFramesAreNotTakenThisWay() {
        byte[] frame = FrameEncoder.text("héllo").masked(0x37fa213d).encode();
        PlainFrames run = new PlainFrames();
        assertEquals(frame.length, new StreamDissector(Sender.CLIENT).takeMaskedPlainFrames(ByteBuffer.wrap(frame), run));
        assertEquals(0x37fa213d, run.maskingKey(0));
        byte[] payload = new byte[run.payloadLength(0)];
        run.copyPayload(0, payload, 0);
        assertEquals("héllo", new String(payload, StandardCharsets.UTF_8));
        byte[] server = FrameEncoder.binary(new byte[3]).encode();
        assertEquals(0, new StreamDissector(Sender.SERVER).takeMaskedPlainFrames(ByteBuffer.wrap(server), run));
        assertFalse(new StreamDissector(Sender.CLIENT).plainFrameAt(ByteBuffer.wrap(frame)), "plainFrameAt stays a server's");
    }

    @Test
    void anUnmaskedClientFrameOrMaskedInvalidTextIsNot() {
        byte[] unmasked = FrameEncoder.binary(new byte[3]).encode();
        byte[] invalidText = FrameEncoder.frame(Opcode.TEXT).payload(new byte[] {'o', (byte) 0xC3}).masked(5).encode();
        PlainFrames run = new PlainFrames();
        for (byte[] frame : List.of(unmasked, invalidText)) {
            assertEquals(0, new StreamDissector(Sender.CLIENT).takeMaskedPlainFrames(ByteBuffer.wrap(frame), run));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void theFastPathAgreesWithTheGeneralPathOnRandomClientStreams(long seed) {
        byte[] stream = randomStream(new Random(seed), 300);
        List<String> general = describe(new StreamDissector(Sender.CLIENT).feed(stream));
        assertEquals(general, withFastPath(List.of(stream)), "seed " + seed);
        assertEquals(general, withFastPath(Bytes.split(stream, seed)), "seed " + seed + " cut");
    }

    private static List<String> withFastPath(List<byte[]> pieces) {
        StreamDissector d = new StreamDissector(Sender.CLIENT);
        List<String> out = new ArrayList<>();
        byte[] carry = new byte[0];
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(Bytes.concat(carry, piece));
            carry = new byte[0];
            while (in.hasRemaining()) {
                PlainFrames run = new PlainFrames();
                d.takeMaskedPlainFrames(in, run);
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

    /** The general path's report for a plain frame, with the payload the run copies out. */
    private static List<String> plainItems(PlainFrames run, int i) {
        int start = run.frameStart(i);
        byte[] bytes = Arrays.copyOfRange(run.array(), start, start + run.headerBytes(i) + run.payloadLength(i));
        List<Dissected> items = new StreamDissector(Sender.CLIENT,
                DecoderOptions.defaults().withStartOffset(run.streamOffset(i)), MessageAssembler.DEFAULT_RETAINED_BYTES)
                .feed(bytes);
        assertEquals(2, items.size());
        Dissected.FrameItem frame = (Dissected.FrameItem) items.get(0);
        assertEquals(List.of(), frame.findings());
        assertEquals(List.of(), ((Dissected.MessageItem) items.get(1)).message().findings());
        byte[] copied = new byte[run.payloadLength(i) + 3];
        run.copyPayload(i, copied, 3);
        assertEquals(digest(frame.frame().payload()), digest(Arrays.copyOfRange(copied, 3, copied.length)));
        assertEquals(frame.frame().header().maskingKey(), run.maskingKey(i));
        return describe(items);
    }

    private static List<String> describe(List<Dissected> items) {
        List<String> out = new ArrayList<>();
        for (Dissected item : items) {
            if (item instanceof Dissected.FrameItem f) {
                out.add("frame " + f.frame().header() + " chunk " + f.frame().chunkOffset() + "/" + f.frame().lastChunk()
                        + " " + digest(f.frame().payload()) + " " + f.messageOpcode() + " " + f.findings());
            } else if (item instanceof Dissected.MessageItem m) {
                out.add("message " + m.message().withoutPayload() + " " + digest(m.message().payload()));
            }
        }
        return out;
    }

    private static String digest(byte[] bytes) {
        return bytes.length + "#" + Arrays.hashCode(bytes);
    }

    /** Mostly plain masked frames, with every kind of trouble mixed in. */
    private static byte[] randomStream(Random random, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            int r = random.nextInt(100);
            byte[] payload = new byte[r < 75 ? random.nextInt(126) : r < 97 ? 126 + random.nextInt(70_000) : 300_000];
            random.nextBytes(payload);
            byte[] text = ("tëxt " + i + " " + "x".repeat(payload.length % 200)).getBytes(StandardCharsets.UTF_8);
            int key = random.nextInt();
            FrameEncoder f = switch (random.nextInt(16)) {
                case 0 -> FrameEncoder.text("part " + i).fin(false).masked(key);
                case 1 -> FrameEncoder.frame(Opcode.CONTINUATION).payload(text).fin(random.nextBoolean()).masked(key);
                case 2 -> FrameEncoder.frame(Opcode.TEXT).payload(payload).masked(key);
                case 3 -> FrameEncoder.binary(payload);
                case 4 -> FrameEncoder.ping(Arrays.copyOf(payload, Math.min(payload.length, 125))).masked(key);
                case 5 -> FrameEncoder.binary(payload).lengthEncoding(LengthEncoding.EXTENDED_64).masked(key);
                case 6, 7, 8, 9 -> FrameEncoder.frame(Opcode.TEXT).payload(text).masked(key);
                default -> FrameEncoder.binary(payload).masked(key);
            };
            out.writeBytes(f.encode());
        }
        out.writeBytes(FrameEncoder.close(1000, "end").masked(1).encode());
        out.writeBytes(FrameEncoder.binary(new byte[3]).masked(2).encode());
        return out.toByteArray();
    }
}
