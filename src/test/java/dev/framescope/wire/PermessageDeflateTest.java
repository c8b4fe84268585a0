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
             MessageInflater inflater = new MessageInflater(bits, true, Long.MAX_VALUE)) {
            for (int i = 0; i < 5; i++) {
                byte[] message = ("{\"n\":" + i + ",\"pad\":\"" + "ab".repeat(random.nextInt(100)) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] wire = deflater.deflate(message).orElseThrow();
                MessageInflater.Inflated out = inflater.inflate(wire, 0, wire.length, true);
                assertEquals(MessageInflater.Status.OK, out.status(), out.error());
                assertArrayEquals(message, out.bytes());
            }
            assertFalse(bits < 15 && deflater.deflate(new byte[(1 << bits) + 1]).isPresent(),
                    "a message longer than the window must go uncompressed");
        }
    }
}
