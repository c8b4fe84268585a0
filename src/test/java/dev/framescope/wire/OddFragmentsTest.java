package dev.framescope.wire;

import static dev.framescope.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 §5.4 broken by the server, through the whole dissector: an orphan continuation and a data frame
 * interleaved in a fragmented message are shown as such, and no frame's data goes missing from the messages.
 */
class OddFragmentsTest {

    /** One line per item: frames as opcode, FIN and findings; messages as opcode, frames, payload and findings. */
    private static List<String> dissect(String stream, long seed) {
        StreamDissector d = new StreamDissector(Sender.SERVER);
        List<String> out = new ArrayList<>();
        for (byte[] piece : Bytes.split(hex(stream), seed)) {
            for (Dissected item : d.feed(piece)) {
                if (item instanceof Dissected.FrameItem f) {
                    out.add("frame " + f.frame().opcode().shortName() + (f.frame().header().fin() ? " FIN" : "")
                            + " " + hex(f.frame().payload()) + ids(f.findings()));
                } else if (item instanceof Dissected.MessageItem m) {
                    out.add("message " + m.message().opcode().shortName() + " x" + m.message().frameCount() + " "
                            + hex(m.message().payload()) + ids(m.message().findings()));
                }
            }
        }
        return out;
    }

    private static String ids(List<Finding> findings) {
        return findings.stream().map(f -> " !" + f.violation().id() + "@" + f.streamOffset())
                .reduce("", String::concat);
    }

    private static void assertEverySplit(List<String> expected, String stream) {
        for (long seed = -1; seed < 20; seed++) {
            assertEquals(expected, dissect(stream, seed), "split seed " + seed);
        }
    }

    @Test
    void anOrphanContinuationIsItsOwnMessageOfUnknownType() {
        // "lo" in a continuation with no message started, then "Hi" as an ordinary text message.
        assertEverySplit(List.of(
                "frame CONT FIN 6c6f !CONTINUATION_WITHOUT_START@0",
                "message CONT x1 6c6f !CONTINUATION_WITHOUT_START@0",
                "frame TEXT FIN 4869",
                "message TEXT x1 4869"), "80026c6f 81024869");
    }

    @Test
    void anOrphanRunOfContinuationsIsOneMessageUpToItsFin() {
        assertEverySplit(List.of(
                "frame CONT 6c !CONTINUATION_WITHOUT_START@0",
                "frame CONT FIN 6f",
                "message CONT x2 6c6f !CONTINUATION_WITHOUT_START@0",
                "frame TEXT FIN 4869",
                "message TEXT x1 4869"), "00016c 80016f 81024869");
    }

    @Test
    void anInterleavedTextFrameEndsTheOpenMessageWithItsFramesAndStartsItsOwn() {
        // "Hel" + "l" open without FIN (frames at 0 and 5), then a whole TEXT "Hi" at 8, then a complete message.
        assertEverySplit(List.of(
                "frame TEXT 48656c",
                "frame CONT 6c",
                "message TEXT x2 48656c6c !DATA_FRAME_DURING_FRAGMENTED_MESSAGE@8",
                "frame TEXT FIN 4869 !DATA_FRAME_DURING_FRAGMENTED_MESSAGE@8",
                "message TEXT x1 4869",
                "frame BINARY FIN 01",
                "message BINARY x1 01"), "010348656c 00016c 81024869 820101");
    }

    @Test
    void theLegalLookAlikeHasNoFindings() {
        // The same bytes, the fragmented message finished before the next one and a ping between fragments.
        assertEverySplit(List.of(
                "frame TEXT 48656c",
                "frame PING FIN ",
                "frame CONT FIN 6c6f",
                "message TEXT x2 48656c6c6f",
                "frame TEXT FIN 4869",
                "message TEXT x1 4869"), "010348656c 8900 80026c6f 81024869");
    }

    @Test
    void anInterleavedCompressedMessageIsFlushedSoTheNextOneInflates() {
        StreamDissector d = new StreamDissector(Sender.SERVER);
        d.enableDeflate(15, true, 1 << 20);
        // "Hel" compressed without FIN (sync-flushed), then a whole compressed "Hello": both shown, both inflated.
        byte[] hel = new MessageDeflater(15, true).deflate("Hel".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .orElseThrow();
        List<Message> messages = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        byte[] stream = Bytes.concat(FrameEncoder.frame(Opcode.TEXT).payload(hel).fin(false).rsv1(true).encode(), hex("c107f248cdc9c90700"));
        for (Dissected item : d.feed(stream)) {
            if (item instanceof Dissected.MessageItem m) {
                messages.add(m.message());
            } else if (item instanceof Dissected.FrameItem f) {
                findings.addAll(f.findings());
            }
        }
        assertEquals(2, messages.size());
        assertEquals("Hel", new String(messages.get(0).payload(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("Hello", new String(messages.get(1).payload(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of(Violation.DATA_FRAME_DURING_FRAGMENTED_MESSAGE),
                findings.stream().map(Finding::violation).toList());
    }
}
