package dev.framescope.probe;

import static dev.framescope.probe.CaseBuilder.INVALID_PAYLOAD;
import static dev.framescope.probe.CaseBuilder.of;
import static dev.framescope.probe.CaseBuilder.utf8;

import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Autobahn's cases 6.* (UTF-8 handling): 6.1-6.4 from {@code case6_1_1.py} … {@code case6_4_4.py}, and 6.5-6.23
 * generated, as {@code case6_x_x.py} generates them, from Markus Kuhn's UTF-8 decoder stress test: one case per
 * sequence, numbered in the same order.
 */
final class Utf8Cases {

    /** Valid except for the code point at byte 12 (0xED 0xA0 0x80, a surrogate). */
    static final byte[] INVALID_AT_12 = hex("cebae1bdb9cf83cebcceb5eda080656469746564");
    private static final byte[] KOSME = hex("cebae1bdb9cf83cebcceb5");
    private static final byte[] OUT_OF_RANGE = hex("f4908080");
    private static final byte[] EDITED = hex("656469746564");
    private static final String HELLO_UTF8 = "Hello-µ@ßöäüàá-UTF-8!!";

    private Utf8Cases() {
    }

    static List<ProbeCase> all() {
        List<ProbeCase> cases = new ArrayList<>();
        emptyFragments(cases);
        valid(cases);
        invalid(cases);
        failFast(cases);
        int sub = 5;
        for (Sequences.Group group : Sequences.groups()) {
            int n = 1;
            for (Sequences.Entry e : group.entries()) {
                cases.add(sequence("6." + sub + "." + n, group.title(), e.valid(), e.bytes()));
                n++;
            }
            sub++;
        }
        return cases;
    }

    private static void emptyFragments(List<ProbeCase> cases) {
        String echoEmpty = "A message is echo'ed back to us (with empty payload).";
        cases.add(echoed(of("6.1.1", "Send text message of length 0.").expect(echoEmpty).frame(1, ""), ""));
        cases.add(echoed(of("6.1.2", "Send fragmented text message, 3 fragments each of length 0.").expect(echoEmpty)
                .frame(1, false, "").frame(0, false, "").frame(0, true, ""), ""));
        cases.add(echoed(of("6.1.3", "Send fragmented text message, 3 fragments, first and last of length 0, middle "
                        + "non-empty.").expect("A message is echo'ed back to us (with payload = payload of middle "
                        + "fragment).").frame(1, false, "").frame(0, false, "middle frame payload")
                .frame(0, true, ""), "middle frame payload"));
    }

    private static void valid(List<ProbeCase> cases) {
        String echo = "The message is echo'ed back to us.";
        cases.add(echoed(of("6.2.1", "Send a valid UTF-8 text message in one fragment.").expect(echo)
                .frame(1, HELLO_UTF8), HELLO_UTF8));
        cases.add(echoed(of("6.2.2", "Send a valid UTF-8 text message in two fragments, fragmented on UTF-8 code "
                + "point boundary.").expect(echo).frame(1, false, "Hello-µ@ßöä").frame(0, true, "üàá-UTF-8!!"),
                HELLO_UTF8));
        cases.add(echoed(of("6.2.3", "Send a valid UTF-8 text message in fragments of 1 octet, resulting in frames "
                + "ending on positions which are not code point ends.").expect(echo)
                .message(Opcode.TEXT, utf8(HELLO_UTF8), 1), HELLO_UTF8));
        cases.add(of("6.2.4", "Send a valid UTF-8 text message in fragments of 1 octet, resulting in frames ending on "
                        + "positions which are not code point ends.").expect(echo).rfc("RFC 6455 §8.1")
                .message(Opcode.TEXT, KOSME, 1).ok(Received.text(KOSME)).closedByUs().closeAfter(1).build());
    }

    private static ProbeCase echoed(CaseBuilder c, String text) {
        return c.rfc("RFC 6455 §8.1").ok(Received.text(text)).closedByUs().closeAfter(1).build();
    }

    private static void invalid(List<ProbeCase> cases) {
        String failNow = "The connection is failed immediately, since the payload is not valid UTF-8.";
        cases.add(of("6.3.1", "Send invalid UTF-8 text message unfragmented.").expect(failNow)
                .rule(Violation.INVALID_UTF8).frame(1, true, INVALID_AT_12)
                .serverMustFail(INVALID_PAYLOAD).killAfter(1).build());
        cases.add(of("6.3.2", "Send invalid UTF-8 text message in fragments of 1 octet, resulting in frames ending on "
                        + "positions which are not code point ends.").expect(failNow).rule(Violation.INVALID_UTF8)
                .message(Opcode.TEXT, INVALID_AT_12, 1).serverMustFail(INVALID_PAYLOAD).killAfter(1).build());
    }

    /**
     * 6.4.*: the invalid part is sent after a wait, then the rest after another. Failing after the second part is
     * OK (fail fast); only after the whole message, NON-STRICT.
     */
    private static void failFast(List<ProbeCase> cases) {
        byte[] all = concat(KOSME, OUT_OF_RANGE, EDITED);
        String expectFrames = "The first frame is accepted, we expect to timeout on the first wait. The 2nd frame "
                + "should be rejected immediately (fail fast on UTF-8). If we timeout, we expect the connection is "
                + "failed at least then, since the complete message payload is not valid UTF-8.";
        String expectChops = expectFrames.replace("frame", "chop");
        cases.add(threeParts(of("6.4.1", "Send invalid UTF-8 text message in 3 fragments (frames). First frame "
                + "payload is valid, then wait, then 2nd frame which contains the payload making the sequence "
                + "invalid, then wait, then 3rd frame with rest.").expect(expectFrames), false, all, KOSME.length,
                KOSME.length + OUT_OF_RANGE.length));
        cases.add(threeParts(of("6.4.2", "Same as Case 6.4.1, but in 2nd frame, we send only up to and including the "
                + "octet making the complete payload invalid.").expect(expectFrames), false, all, 12, 13));
        cases.add(threeParts(of("6.4.3", "Same as Case 6.4.1, but we send message not in 3 frames, but in 3 chops of "
                + "the same message frame.").expect(expectChops), true, all, KOSME.length,
                KOSME.length + OUT_OF_RANGE.length));
        cases.add(threeParts(of("6.4.4", "Same as Case 6.4.2, but we send message not in 3 frames, but in 3 chops of "
                + "the same message frame.").expect(expectChops), true, all, 12, 13));
    }

    private static ProbeCase threeParts(CaseBuilder c, boolean oneFrame, byte[] all, int cut1, int cut2) {
        c.rule(Violation.INVALID_UTF8);
        byte[][] parts = {Arrays.copyOfRange(all, 0, cut1), Arrays.copyOfRange(all, cut1, cut2),
                Arrays.copyOfRange(all, cut2, all.length)};
        if (oneFrame) {
            byte[] frame = FrameEncoder.frame(Opcode.TEXT).payload(all).masked().encode();
            int head = frame.length - all.length;
            c.raw(Arrays.copyOfRange(frame, 0, head + cut1)).pause(1, "A")
                    .raw(Arrays.copyOfRange(frame, head + cut1, head + cut2)).pause(1, "B")
                    .raw(Arrays.copyOfRange(frame, head + cut2, frame.length));
        } else {
            c.frame(1, false, parts[0]).pause(1, "A").frame(0, false, parts[1]).pause(1, "B")
                    .frame(0, true, parts[2]);
        }
        return c.ok(Received.timeout("A")).nonStrict(Received.timeout("A"), Received.timeout("B"))
                .serverMustFail(INVALID_PAYLOAD).killAfter(1).build();
    }

    private static ProbeCase sequence(String id, String title, boolean valid, byte[] payload) {
        CaseBuilder c = of(id, title + ": send a text message with payload which is " + (valid ? "" : "not ")
                + "valid UTF-8 in one fragment. Payload: 0x" + HexFormat.of().formatHex(payload))
                .expect(valid ? "The message is echo'ed back to us."
                        : "The connection is failed immediately, since the payload is not valid UTF-8.")
                .frame(1, true, payload);
        if (valid) {
            c.rfc("RFC 6455 §8.1").ok(Received.text(payload)).closedByUs();
        } else {
            c.rule(Violation.INVALID_UTF8).serverMustFail(INVALID_PAYLOAD);
        }
        return c.killAfter(0.5).build();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
