package dev.framescope.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    private long offset;

    private Frame frame(Opcode opcode, boolean fin, boolean rsv1, byte[] payload) {
        FrameHeader h = new FrameHeader(fin, rsv1, false, false, opcode, false, 0, payload.length,
                LengthEncoding.minimalFor(payload.length), offset);
        offset += h.headerSize() + payload.length;
        return Frame.whole(h, payload, List.of());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Violation> ids(List<Finding> findings) {
        return findings.stream().map(Finding::violation).toList();
    }

    @Test
    void rfc6455FragmentedHelloWithInterleavedPing() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        assertTrue(a.accept(frame(Opcode.TEXT, false, false, utf8("Hel"))).message().isEmpty());
        MessageAssembler.Step ping = a.accept(frame(Opcode.PING, true, false, utf8("p")));
        assertTrue(ping.message().isEmpty());
        assertTrue(ping.findings().isEmpty());
        Message m = a.accept(frame(Opcode.CONTINUATION, true, false, utf8("lo"))).message().orElseThrow();
        assertEquals("Hello", new String(m.payload(), StandardCharsets.UTF_8));
        assertEquals(2, m.frameCount());
        assertEquals(Opcode.TEXT, m.opcode());
        assertTrue(m.findings().isEmpty());
    }

    @Test
    void utf8CodePointCutAcrossFragmentsIsValid() {
        byte[] euro = utf8("€"); // e2 82 ac
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        a.accept(frame(Opcode.TEXT, false, false, new byte[] {euro[0]}));
        a.accept(frame(Opcode.CONTINUATION, false, false, new byte[] {euro[1]}));
        Message m = a.accept(frame(Opcode.CONTINUATION, true, false, new byte[] {euro[2]})).message().orElseThrow();
        assertTrue(m.findings().isEmpty());
        assertEquals(3, m.frameCount());
    }

    @Test
    void invalidUtf8IsReportedOnTheFrameThatBreaksIt() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        assertTrue(a.accept(frame(Opcode.TEXT, false, false, utf8("ok"))).findings().isEmpty());
        long badFrameOffset = offset;
        MessageAssembler.Step step = a.accept(frame(Opcode.CONTINUATION, true, false, HexFormat.of().parseHex("41c0af")));
        assertEquals(List.of(Violation.INVALID_UTF8), ids(step.findings()));
        assertEquals(badFrameOffset, step.findings().get(0).streamOffset());
        assertTrue(step.findings().get(0).detail().contains("byte 3"));
        assertTrue(step.message().orElseThrow().hasViolation(Violation.INVALID_UTF8));
    }

    @Test
    void textEndingInsideCodePointIsInvalid() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        Message m = a.accept(frame(Opcode.TEXT, true, false, HexFormat.of().parseHex("e282"))).message().orElseThrow();
        assertEquals(List.of(Violation.INVALID_UTF8), ids(m.findings()));
    }

    @Test
    void invalidUtf8InBinaryIsFine() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        Message m = a.accept(frame(Opcode.BINARY, true, false, HexFormat.of().parseHex("c0afff"))).message().orElseThrow();
        assertTrue(m.findings().isEmpty());
    }

    @Test
    void continuationWithoutStart() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        MessageAssembler.Step step = a.accept(frame(Opcode.CONTINUATION, true, false, utf8("x")));
        assertEquals(List.of(Violation.CONTINUATION_WITHOUT_START), ids(step.findings()));
        Message orphan = step.message().orElseThrow();
        assertEquals(Opcode.CONTINUATION, orphan.opcode());
        assertEquals("x", new String(orphan.payload(), StandardCharsets.UTF_8));
        assertEquals(List.of(Violation.CONTINUATION_WITHOUT_START), ids(orphan.findings()));
        assertTrue(a.idle());
        // the look-alike: the same continuation after a started message is legal
        MessageAssembler b = new MessageAssembler(Sender.SERVER);
        b.accept(frame(Opcode.BINARY, false, false, utf8("x")));
        assertTrue(b.accept(frame(Opcode.CONTINUATION, true, false, utf8("x"))).findings().isEmpty());
    }

    @Test
    void dataFrameDuringFragmentedMessageStartsANewMessage() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        a.accept(frame(Opcode.TEXT, false, false, utf8("first")));
        MessageAssembler.Step step = a.accept(frame(Opcode.TEXT, true, false, utf8("second")));
        assertEquals(List.of(Violation.DATA_FRAME_DURING_FRAGMENTED_MESSAGE), ids(step.findings()));
        assertEquals("second", new String(step.message().orElseThrow().payload(), StandardCharsets.UTF_8));
        Message first = step.cutShort().orElseThrow();
        assertEquals("first", new String(first.payload(), StandardCharsets.UTF_8));
        assertEquals(1, first.frameCount());
        assertEquals(List.of(Violation.DATA_FRAME_DURING_FRAGMENTED_MESSAGE), ids(first.findings()));
        // look-alike: two unfragmented messages in a row
        MessageAssembler b = new MessageAssembler(Sender.SERVER);
        b.accept(frame(Opcode.TEXT, true, false, utf8("first")));
        assertTrue(b.accept(frame(Opcode.TEXT, true, false, utf8("second"))).findings().isEmpty());
    }

    @Test
    void dataAfterClose() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        assertTrue(a.accept(frame(Opcode.CLOSE, true, false, HexFormat.of().parseHex("03e8"))).findings().isEmpty());
        MessageAssembler.Step step = a.accept(frame(Opcode.TEXT, true, false, utf8("late")));
        assertEquals(List.of(Violation.DATA_AFTER_CLOSE), ids(step.findings()));
    }

    @Test
    void rsv1WithoutDeflateIsNotTreatedAsCompressed() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER);
        MessageAssembler.Step step = a.accept(frame(Opcode.TEXT, true, true, utf8("plain")));
        assertEquals(Optional.empty(), step.inflated());
        assertFalse(step.message().orElseThrow().compressed());
    }

    @Test
    void retentionLimitKeepsTheStartAndCountsTheRest() {
        MessageAssembler a = new MessageAssembler(Sender.SERVER, 4);
        a.accept(frame(Opcode.BINARY, false, false, new byte[] {1, 2, 3}));
        Message m = a.accept(frame(Opcode.CONTINUATION, true, false, new byte[] {4, 5, 6})).message().orElseThrow();
        assertArrayEquals(new byte[] {1, 2, 3, 4}, m.payload());
        assertEquals(6, m.length());
        assertTrue(m.truncated());
    }
}
