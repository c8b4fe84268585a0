package dev.framescope.wire;

import static dev.framescope.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692 §7.2.3's examples through the whole dissector, plus the inflater's limits and window handling. */
class PermessageDeflateTest {

    private static List<Message> messages(String stream, boolean contextTakeover) {
        StreamDissector dissector = new StreamDissector(Sender.SERVER);
        dissector.enableDeflate(15, contextTakeover, StreamDissector.DEFAULT_INFLATE_LIMIT);
        return dissector.feed(hex(stream)).stream().filter(d -> d instanceof Dissected.MessageItem)
                .map(d -> ((Dissected.MessageItem) d).message()).toList();
    }

    private static String text(Message m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void rfc7692_7_2_3_1_aMessageCompressedInOneFrameAndInTwo() {
        Message one = messages("c107f248cdc9c90700", true).get(0);
        assertEquals("Hello", text(one));
        assertTrue(one.compressed());
        assertEquals(7, one.wireLength());
        assertEquals(List.of(), one.findings());
        Message two = messages("4103f248cd 8004c9c90700", true).get(0);
        assertEquals("Hello", text(two));
        assertEquals(2, two.frameCount());
    }

    @Test
    void rfc7692_7_2_3_2_sharingTheWindowBetweenMessages() {
        List<Message> both = messages("c107f248cdc9c90700 c105f200110000", true);
        assertEquals(List.of("Hello", "Hello"), both.stream().map(PermessageDeflateTest::text).toList());
    }

    @Test
    void withoutContextTakeoverTheSecondMessageCannotReferToTheFirst() {
        List<Message> both = messages("c107f248cdc9c90700 c105f200110000", false);
        assertEquals("Hello", text(both.get(0)));
        assertTrue(both.get(1).hasViolation(Violation.DEFLATE_ERROR), both.get(1).findings().toString());
    }

    @Test
    void rfc7692_7_2_3_3_aBlockWithNoCompression() {
        assertEquals("Hello", text(messages("c10b0005 00faff48656c6c6f00", true).get(0)));
    }

    @Test
    void rfc7692_7_2_3_4_aBlockWithBfinalSet() {
        List<Message> list = messages("c108f348cdc9c9070000 c107f248cdc9c90700", true);
        assertEquals("Hello", text(list.get(0)));
        assertEquals(List.of(), list.get(0).findings());
        assertEquals("Hello", text(list.get(1)), "a new DEFLATE stream starts after BFINAL");
    }

    @Test
    void rfc7692_7_2_3_5_twoBlocksInOneMessage() {
        assertEquals("Hello", text(messages("c10df248050000 00ffffcac9c90700", true).get(0)));
    }

    @Test
    void corruptDataIsADeflateErrorNotAnException() {
        Message m = messages("c104ffffffff", true).get(0);
        assertTrue(m.hasViolation(Violation.DEFLATE_ERROR));
    }

    @Test
    void aCompressionBombStopsAtTheLimitWithBoundedOutput() {
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] bomb;
        try (MessageDeflater deflater = new MessageDeflater(15, false)) {
            bomb = deflater.deflate(zeros).orElseThrow();
        }
        assertTrue(bomb.length < 200_000, "bomb of " + bomb.length + " bytes");
        try (MessageInflater inflater = new MessageInflater(15, false, 1 << 20)) {
            MessageInflater.Inflated out = inflater.inflate(bomb, 0, bomb.length, true);
            assertEquals(MessageInflater.Status.LIMIT_EXCEEDED, out.status());
            assertEquals(1 << 20, out.bytes().length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void deflaterStaysWithinEveryWindowAndRoundTrips(int bits) {
        Random random = new Random(bits);
        try (MessageDeflater deflater = new MessageDeflater(bits, true);
             MessageInflater inflater = new MessageInflater(bits, true, Long.MAX_VALUE, true)) {
            for (int i = 0; i < 5; i++) {
                byte[] message = ("{\"n\":" + i + ",\"pad\":\"" + "ab".repeat(random.nextInt(100)) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] wire = deflater.deflate(message).orElseThrow();
                MessageInflater.Inflated out = inflater.inflate(wire, 0, wire.length, true);
                assertEquals(MessageInflater.Status.OK, out.status(), out.error());
                assertEquals(java.util.Optional.empty(), out.tooFar(), "our own deflater is within the window");
                assertArrayEquals(message, out.bytes());
            }
            assertFalse(bits < 15 && deflater.deflate(new byte[(1 << bits) + 1]).isPresent(),
                    "a message longer than the window must go uncompressed");
        }
    }

    // RFC 7692 §7.1.2.1: with server_max_window_bits=N, no back-reference may reach farther than 2^N bytes.

    /** 520 stored bytes of 'a' (a stored block, then the empty block of a sync flush). */
    static final String STORED_520_A = "c17e020e" + "000802f7fd" + "61".repeat(520) + "00";
    /** "aaa" as one match of length 3, distance 520, into the previous message (fixed Huffman block, sync flush). */
    static final String MATCH_520_BACK = "c105" + "02a6030000";
    /** The same match 500 bytes back. */
    static final String MATCH_500_BACK = "c104" + "02c63900";

    private static List<Dissected> dissect(int windowBits, boolean contextTakeover, byte[] stream, long seed) {
        StreamDissector dissector = new StreamDissector(Sender.SERVER);
        dissector.enableDeflate(windowBits, contextTakeover, StreamDissector.DEFAULT_INFLATE_LIMIT);
        List<Dissected> out = new java.util.ArrayList<>();
        Bytes.split(stream, seed).forEach(piece -> out.addAll(dissector.feed(piece)));
        return out;
    }

    private static List<Message> messagesOf(List<Dissected> items) {
        return items.stream().filter(d -> d instanceof Dissected.MessageItem)
                .map(d -> ((Dissected.MessageItem) d).message()).toList();
    }

    @Test
    void rfc7692_7_1_2_1_aReferenceIntoTheLastMessageBeyondTheWindowIsFlaggedAndStillInflated() {
        byte[] stream = hex(STORED_520_A + MATCH_520_BACK);
        for (long seed = -1; seed < 10; seed++) {
            List<Dissected> items = dissect(9, true, stream, seed);
            List<Message> both = messagesOf(items);
            assertEquals("a".repeat(520), text(both.get(0)));
            assertEquals(List.of(), both.get(0).findings());
            assertEquals("aaa", text(both.get(1)), "inflated with the full window anyway");
            assertEquals(List.of(Violation.DEFLATE_WINDOW_EXCEEDED),
                    both.get(1).findings().stream().map(Finding::violation).toList(), "seed " + seed);
            Finding f = both.get(1).findings().get(0);
            assertEquals(4 + 526, f.streamOffset(), "the frame's offset");
            assertTrue(f.detail().contains("520 bytes back at byte 0") && f.detail().contains("512"), f.detail());
            Dissected.FrameItem frame = (Dissected.FrameItem) items.get(2);
            assertEquals(List.of(Violation.DEFLATE_WINDOW_EXCEEDED),
                    frame.findings().stream().map(Finding::violation).toList(), "the frame carries it too");
        }
    }

    @Test
    void rfc7692_7_1_2_1_theLookAlikesWithinTheWindowAreLegal() {
        // 500 bytes back with a 512-byte window; and 520 back when the window is 1024 or the default 32 KiB.
        for (var legal : List.of(List.of(9, STORED_520_A + MATCH_500_BACK), List.of(10, STORED_520_A + MATCH_520_BACK),
                List.of(15, STORED_520_A + MATCH_520_BACK))) {
            List<Message> both = messagesOf(dissect((Integer) legal.get(0), true, hex((String) legal.get(1)), -1));
            assertEquals("aaa", text(both.get(1)));
            assertEquals(List.of(), both.get(0).findings(), legal.toString());
            assertEquals(List.of(), both.get(1).findings(), legal.toString());
        }
    }

    @Test
    void theWindowIsCountedFromTheReferenceNotFromTheMessage() {
        // Random bytes, then the same bytes again D later: the deflater matches at distance D within one message.
        for (int distance : new int[] {300, 511, 512, 513, 700, 2000, 5000, 20000}) {
            byte[] half = new byte[distance];
            new Random(distance).nextBytes(half);
            byte[] message = Bytes.concat(half, java.util.Arrays.copyOf(half, 200));
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
            deflater.setInput(message);
            byte[] buffer = new byte[message.length * 2 + 64];
            int n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
            deflater.end();
            byte[] wire = java.util.Arrays.copyOf(buffer, n - 4);
            for (int bits : new int[] {9, 12}) {
                try (MessageInflater inflater = new MessageInflater(bits, true, Long.MAX_VALUE, true)) {
                    MessageInflater.Inflated out = inflater.inflate(wire, 0, wire.length, true);
                    assertArrayEquals(message, out.bytes());
                    boolean tooFar = distance > 1 << bits;
                    assertEquals(tooFar, out.tooFar().isPresent(), distance + " with " + bits + " bits");
                    assertEquals(out.tooFar(), inPieces(wire, bits), "the same fed 7 bytes at a time");
                    // The first too-far reference is the repeat, or a chance 3-byte match in the random bytes before.
                    out.tooFar().ifPresent(far -> {
                        assertTrue(far.distance() > 1 << bits && far.distance() <= distance, "distance " + far.distance());
                        assertTrue(far.at() >= far.distance() && far.at() <= distance + 3, "at " + far.at());
                    });
                }
            }
        }
    }

    /** The message's first too-far reference, its compressed bytes fed as frames of 7 bytes. */
    private static java.util.Optional<MessageInflater.TooFar> inPieces(byte[] wire, int bits) {
        java.util.Optional<MessageInflater.TooFar> found = java.util.Optional.empty();
        try (MessageInflater inflater = new MessageInflater(bits, true, Long.MAX_VALUE, true)) {
            for (int at = 0; at < wire.length; at += 7) {
                int n = Math.min(7, wire.length - at);
                var out = inflater.inflate(wire, at, n, at + n == wire.length);
                found = found.or(out::tooFar);
            }
        }
        return found;
    }
}
