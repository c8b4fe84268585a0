package dev.framescope.wire;

import static dev.framescope.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every stream-level rule (frames and messages, through the whole dissector) with a fixture that breaks it and a
 * legal look-alike; every fixture gives the same result fed whole, one byte at a time, and at random splits.
 */
class StreamFixturesTest {

    /** rule, sender, deflate negotiated, breaking stream, legal look-alike. */
    static Stream<Arguments> fixtures() {
        String hello = "810548656c6c6f";
        return Stream.of(
                Arguments.of(Violation.MASKED_SERVER_FRAME, Sender.SERVER, false, "818537fa213d7f9f4d5158", hello),
                Arguments.of(Violation.UNMASKED_CLIENT_FRAME, Sender.CLIENT, false, hello, "818537fa213d7f9f4d5158"),
                Arguments.of(Violation.RESERVED_BITS, Sender.SERVER, false, "910548656c6c6f", hello),
                Arguments.of(Violation.RESERVED_OPCODE, Sender.SERVER, false, "870548656c6c6f", hello),
                Arguments.of(Violation.CONTROL_FRAME_TOO_LONG, Sender.SERVER, false, "8a7e007e" + "00".repeat(126),
                        "8a7d" + "00".repeat(125)),
                Arguments.of(Violation.FRAGMENTED_CONTROL_FRAME, Sender.SERVER, false, "0a00", "8a00"),
                Arguments.of(Violation.CONTINUATION_WITHOUT_START, Sender.SERVER, false, "80026c6f",
                        "010348656c80026c6f"),
                Arguments.of(Violation.DATA_FRAME_DURING_FRAGMENTED_MESSAGE, Sender.SERVER, false,
                        "010348656c" + hello, "010348656c 8900 80026c6f"),
                Arguments.of(Violation.INVALID_UTF8, Sender.SERVER, false, "8102c328", "8102c3a9"),
                Arguments.of(Violation.INVALID_UTF8, Sender.SERVER, false, "0101c3 8001ff", "0101c3 8001a9"),
                Arguments.of(Violation.NON_MINIMAL_LENGTH, Sender.SERVER, false, "817e000548656c6c6f", hello),
                Arguments.of(Violation.LENGTH_MSB_SET, Sender.SERVER, false, "827fff00000000000000",
                        "827e0100" + "00".repeat(256)),
                Arguments.of(Violation.CLOSE_PAYLOAD_ONE_BYTE, Sender.SERVER, false, "880103", "8800"),
                Arguments.of(Violation.INVALID_CLOSE_CODE, Sender.SERVER, false, "88020fa0" + "8802" + "03ee",
                        "88020fa0"),
                Arguments.of(Violation.INVALID_CLOSE_REASON_UTF8, Sender.SERVER, false, "880403e8ff41", "880403e84141"),
                Arguments.of(Violation.DATA_AFTER_CLOSE, Sender.SERVER, false, "880203e8" + hello, hello + "880203e8"),
                Arguments.of(Violation.RSV1_ON_CONTINUATION, Sender.SERVER, true, "4103f248cd c004c9c90700",
                        "4103f248cd 8004c9c90700"),
                Arguments.of(Violation.RSV1_ON_CONTROL_FRAME, Sender.SERVER, true, "c900", "8900"),
                Arguments.of(Violation.DEFLATE_ERROR, Sender.SERVER, true, "c104ffffffff", "c107f248cdc9c90700"),
                Arguments.of(Violation.INFLATE_LIMIT_EXCEEDED, Sender.SERVER, true,
                        "c112" + "62601805a360148c8251300a46c150070000", "c107f248cdc9c90700"));
    }

    private static List<String> dissect(Sender sender, boolean deflate, List<byte[]> pieces) {
        StreamDissector d = new StreamDissector(sender);
        if (deflate) {
            d.enableDeflate(15, true, 1000);
        }
        List<String> out = new ArrayList<>();
        for (byte[] piece : pieces) {
            for (Dissected item : d.feed(piece)) {
                if (item instanceof Dissected.FrameItem f) {
                    out.add("frame " + Bytes.describe(f.frame()) + " " + ids(f.findings())
                            + f.inflated().map(Bytes::hex).orElse(""));
                } else if (item instanceof Dissected.MessageItem m) {
                    out.add("message " + Bytes.hex(m.message().payload()) + " " + ids(m.message().findings()));
                }
            }
        }
        d.endOfStream().forEach(f -> out.add("end !" + f.violation().id()));
        return out;
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(f -> "!" + f.violation().id() + "@" + f.streamOffset()).toList();
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("fixtures")
    void breaksTheRuleWhileTheLookAlikeDoesNot(Violation rule, Sender sender, boolean deflate, String breaking,
                                               String legal) {
        String found = String.join("\n", dissect(sender, deflate, List.of(hex(breaking))));
        assertTrue(found.contains(rule.id()), rule + " not found in\n" + found);
        String clean = String.join("\n", dissect(sender, deflate, List.of(hex(legal))));
        assertTrue(!clean.contains("!"), "look-alike flagged:\n" + clean);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("fixtures")
    void everySplitGivesTheSameResult(Violation rule, Sender sender, boolean deflate, String breaking, String legal) {
        for (String fixture : List.of(breaking, legal)) {
            byte[] bytes = hex(fixture);
            List<String> whole = dissect(sender, deflate, List.of(bytes));
            for (long seed = -1; seed < 20; seed++) {
                assertEquals(whole, dissect(sender, deflate, Bytes.split(bytes, seed)), fixture + " split " + seed);
            }
        }
    }

    /**
     * Bounded, seeded fuzzing: a million mutated and random streams (more with {@code -Dframescope.fuzz.cases=N})
     * never throw out of the dissector or the parsers, every byte fed is accounted for, and memory stays bounded.
     */
    @Test
    void hostileBytesNeverEscapeAsExceptions() {
        Random random = new Random(Long.getLong("framescope.fuzz.seed", 20261125L));
        List<byte[]> seeds = fixtures().map(a -> hex((String) a.get()[3])).toList();
        int cases = Integer.getInteger("framescope.fuzz.cases", 1_000_000);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < cases; i++) {
            byte[] base = seeds.get(random.nextInt(seeds.size()));
            byte[] stream = mutate(base, random);
            StreamDissector d = new StreamDissector(random.nextBoolean() ? Sender.SERVER : Sender.CLIENT,
                    DecoderOptions.defaults().withMaxChunkBytes(1 + random.nextInt(64)), 256);
            if (random.nextBoolean()) {
                d.enableDeflate(8 + random.nextInt(8), random.nextBoolean(), 4096);
            }
            for (byte[] piece : Bytes.split(stream, random.nextLong() & Long.MAX_VALUE)) {
                d.feed(ByteBuffer.wrap(piece));
            }
            d.endOfStream();
            assertEquals(stream.length, d.streamOffset(), "every byte accounted for, case " + i);
            HttpHeadParser.parse(stream);
            ExtensionHeader.parse(new String(stream, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        long perCase = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / cases;
        assertTrue(perCase < 64 * 1024, "allocated " + perCase + " bytes per case: a hostile length must not allocate");
    }

    private static byte[] mutate(byte[] base, Random random) {
        byte[] out = random.nextInt(4) == 0 ? new byte[random.nextInt(64)] : base.clone();
        if (out != base && out.length > 0 && base.length == 0) {
            random.nextBytes(out);
        }
        int flips = 1 + random.nextInt(4);
        for (int k = 0; k < flips && out.length > 0; k++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(3)) {
                case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out[at] = (byte) 0xff;
                default -> out[at] = (byte) random.nextInt(256);
            }
        }
        if (random.nextInt(5) == 0 && out.length > 1) {
            out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
        }
        return out;
    }
}
