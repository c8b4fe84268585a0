package dev.framescope.probe;

import static dev.framescope.probe.CaseBuilder.PROTOCOL_ERROR;
import static dev.framescope.probe.CaseBuilder.of;
import static dev.framescope.probe.CaseBuilder.repeat;
import static dev.framescope.probe.CaseBuilder.utf8;

import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Autobahn's cases 1.* (framing), 2.* (pings and pongs), 3.* (reserved bits) and 4.* (reserved opcodes), as its
 * {@code case1_1_1.py} … {@code case4_2_5.py} define them: the same frames, outcomes and endings.
 */
final class FramingCases {

    private static final String HELLO = "Hello, world!";
    private static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536};

    private FramingCases() {
    }

    static List<ProbeCase> all() {
        List<ProbeCase> cases = new ArrayList<>();
        framing(cases, 1, 1, false);
        framing(cases, 1, 2, true);
        pings(cases);
        reservedBits(cases);
        reservedOpcodes(cases);
        return cases;
    }

    /** 1.1.* text and 1.2.* binary: every length class (7-bit, 16-bit, 64-bit), then 65536 in 997-byte chops. */
    private static void framing(List<ProbeCase> cases, int major, int minor, boolean binary) {
        int opcode = binary ? 2 : 1;
        String kind = binary ? "binary" : "text";
        for (int i = 0; i <= LENGTHS.length; i++) {
            int length = i < LENGTHS.length ? LENGTHS[i] : 65536;
            boolean chopped = i == LENGTHS.length;
            byte[] payload = repeat(binary ? 0xfe : '*', length);
            CaseBuilder c = of(major + "." + minor + "." + (i + 1), "Send " + kind + " message with payload of length "
                    + length + "." + (chopped ? " Sent out data in chops of 997 octets." : ""))
                    .expect("Receive echo'ed " + kind + " message (with payload as sent). Clean close with normal code.")
                    .rfc("RFC 6455 §5.2");
            if (chopped) {
                c.chop(997);
            }
            c.frame(opcode, true, payload)
                    .ok(binary ? Received.binary(payload) : Received.text(payload))
                    .closedByUs().killAfter(length > 128 ? 10 : 1);
            cases.add(c.build());
        }
    }

    private static void pings(List<ProbeCase> cases) {
        cases.add(pong("2.1", "Send ping without payload.", new byte[0], 0));
        cases.add(pong("2.2", "Send ping with small text payload.", utf8(HELLO), 0));
        cases.add(pong("2.3", "Send ping with small binary (non UTF-8) payload.",
                new byte[] {0x00, (byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc, (byte) 0xfb, 0x00, (byte) 0xff},
                0));
        cases.add(pong("2.4", "Send ping with binary payload of 125 octets.", repeat(0xfe, 125), 0));
        cases.add(of("2.5", "Send ping with binary payload of 126 octets.")
                .expect("Connection is failed immediately (1002/Protocol Error), since control frames are only "
                        + "allowed to have payload up to and including 125 octets..")
                .rule(Violation.CONTROL_FRAME_TOO_LONG)
                .frame(9, true, repeat(0xfe, 126)).serverFails(PROTOCOL_ERROR).killAfter(1).build());
        cases.add(pong("2.6", "Send ping with binary payload of 125 octets, send in octet-wise chops.",
                repeat(0xfe, 125), 1));
        cases.add(of("2.7", "Send unsolicited pong without payload. Verify nothing is received. Clean close with "
                + "normal code.").expect("Nothing.").rfc("RFC 6455 §5.5.3")
                .frame(10, true, new byte[0]).close(CaseBuilder.NORMAL).closedByUs().closeAfter(1).build());
        cases.add(of("2.8", "Send unsolicited pong with payload. Verify nothing is received. Clean close with normal "
                + "code.").expect("Nothing.").rfc("RFC 6455 §5.5.3")
                .frame(10, "unsolicited pong payload").close(CaseBuilder.NORMAL).closedByUs().closeAfter(1).build());
        cases.add(of("2.9", "Send unsolicited pong with payload. Send ping with payload. Verify pong for ping is "
                + "received.").expect("Nothing in reply to own Pong, but Pong with payload echo'ed in reply to "
                + "Ping. Clean close with normal code.").rfc("RFC 6455 §5.5.3")
                .frame(10, "unsolicited pong payload").frame(9, "ping payload")
                .ok(Received.pong("ping payload")).closedByUs().closeAfter(1).build());
        cases.add(tenPings("2.10", "Send 10 Pings with payload.", 0));
        cases.add(tenPings("2.11", "Send 10 Pings with payload. Send out octets in octet-wise chops.", 1));
    }

    private static ProbeCase pong(String id, String description, byte[] payload, int chop) {
        return of(id, description)
                .expect("Pong with payload echo'ed is sent in reply to Ping."
                        + (chop > 0 ? " Implementations must be TCP clean." : "") + " Clean close with normal code.")
                .rfc("RFC 6455 §5.5.2").chop(chop).frame(9, true, payload)
                .ok(Received.pong(payload)).closedByUs().closeAfter(chop > 0 ? 2 : 1).build();
    }

    private static ProbeCase tenPings(String id, String description, int chop) {
        CaseBuilder c = of(id, description).expect("Pongs for our Pings with all the payloads. Note: This is not "
                + "required by the Spec .. but we check for this behaviour anyway. Clean close with normal code.")
                .rfc("RFC 6455 §5.5.2").chop(chop);
        Received[] pongs = new Received[10];
        for (int i = 0; i < 10; i++) {
            c.frame(9, "payload-" + i);
            pongs[i] = Received.pong("payload-" + i);
        }
        return c.ok(pongs).closedByUs().closeAfter(3).build();
    }

    private static void reservedBits(List<ProbeCase> cases) {
        String failNow = "The connection is failed immediately (1002/protocol error), since RSV must be 0, when no "
                + "extension defining RSV meaning has been negotiated.";
        String echoThenFail = "Echo for first message is received, but then connection is failed immediately, since "
                + "RSV must be 0, when no extension defining RSV meaning has been negotiated. The Pong is not received.";
        cases.add(of("3.1", "Send small text message with RSV = 1.").expect(failNow).rule(Violation.RESERVED_BITS)
                .frame(rsv(FrameEncoder.text(HELLO), 1)).serverFails(PROTOCOL_ERROR).killAfter(1).build());
        cases.add(echoThenFail(of("3.2", "Send small text message, then send again with RSV = 2, then send Ping."),
                rsv(FrameEncoder.text(HELLO), 2)).expect(echoThenFail).build());
        cases.add(echoThenFail(of("3.3", "Send small text message, then send again with RSV = 3, then send Ping. "
                + "Octets are sent in frame-wise chops.").sync(), rsv(FrameEncoder.text(HELLO), 3))
                .expect(echoThenFail).build());
        cases.add(echoThenFail(of("3.4", "Send small text message, then send again with RSV = 4, then send Ping. "
                + "Octets are sent in octet-wise chops.").chop(1), rsv(FrameEncoder.text(HELLO), 4))
                .expect(echoThenFail).build());
        String failRsv = "The connection is failed immediately, since RSV must be 0.";
        cases.add(of("3.5", "Send small binary message with RSV = 5.").expect(failRsv).rule(Violation.RESERVED_BITS)
                .frame(rsv(FrameEncoder.binary(new byte[] {0x00, (byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc,
                        (byte) 0xfb, 0x00, (byte) 0xff}), 5))
                .serverFails(PROTOCOL_ERROR).killAfter(1).build());
        // Autobahn's 3.6 says "Ping" but sends a binary frame (opcode 2); we send what it sends.
        cases.add(of("3.6", "Send Ping with RSV = 6.").expect(failRsv).rule(Violation.RESERVED_BITS)
                .frame(rsv(FrameEncoder.binary(utf8(HELLO)), 6)).serverFails(PROTOCOL_ERROR).killAfter(1).build());
        cases.add(of("3.7", "Send Close with RSV = 7.").expect(failRsv).rule(Violation.RESERVED_BITS)
                .frame(rsv(new FrameEncoder().opcode(8), 7)).serverFails(PROTOCOL_ERROR).killAfter(1).build());
    }

    /** A text message, then {@code bad}, then a ping: the echo comes back, then the connection is failed. */
    private static CaseBuilder echoThenFail(CaseBuilder c, FrameEncoder bad) {
        return c.rule(bad.header().rsv1() || bad.header().rsv2() || bad.header().rsv3()
                        ? Violation.RESERVED_BITS : Violation.RESERVED_OPCODE)
                .frame(FrameEncoder.text(HELLO)).frame(bad).frame(9, true, new byte[0])
                .ok(Received.text(HELLO)).nonStrict().serverFails(PROTOCOL_ERROR).killAfter(1);
    }

    private static FrameEncoder rsv(FrameEncoder frame, int bits) {
        return frame.rsv1((bits & 4) != 0).rsv2((bits & 2) != 0).rsv3((bits & 1) != 0);
    }

    private static void reservedOpcodes(List<ProbeCase> cases) {
        reservedOpcodes(cases, "4.1", 3, "non-control");
        reservedOpcodes(cases, "4.2", 11, "control");
    }

    /** 4.1.* (opcodes 3-7) and 4.2.* (11-15): alone, with a payload, then after a text message, plain and chopped. */
    private static void reservedOpcodes(List<ProbeCase> cases, String prefix, int first, String kind) {
        String failNow = "The connection is failed immediately.";
        String echoThenFail = "Echo for first message is received, but then connection is failed immediately, since "
                + "reserved opcode frame is used. A Pong is not received.";
        cases.add(of(prefix + ".1", "Send frame with reserved " + kind + " Opcode = " + first + ".").expect(failNow)
                .rule(Violation.RESERVED_OPCODE).frame(new FrameEncoder().opcode(first))
                .serverFails(PROTOCOL_ERROR).killAfter(1).build());
        cases.add(of(prefix + ".2", "Send frame with reserved " + kind + " Opcode = " + (first + 1)
                + " and non-empty payload.").expect(failNow).rule(Violation.RESERVED_OPCODE)
                .frame(first + 1, "reserved opcode payload").serverFails(PROTOCOL_ERROR).killAfter(1).build());
        cases.add(echoThenFail(of(prefix + ".3", "Send small text message, then send frame with reserved " + kind
                + " Opcode = " + (first + 2) + ", then send Ping."), new FrameEncoder().opcode(first + 2))
                .expect(echoThenFail).build());
        cases.add(echoThenFail(of(prefix + ".4", "Send small text message, then send frame with reserved " + kind
                        + " Opcode = " + (first + 3) + " and non-empty payload, then send Ping."),
                new FrameEncoder().opcode(first + 3).payload(utf8(HELLO))).expect(echoThenFail).build());
        cases.add(echoThenFail(of(prefix + ".5", "Send small text message, then send frame with reserved " + kind
                        + " Opcode = " + (first + 4) + " and non-empty payload, then send Ping.").chop(1),
                new FrameEncoder().opcode(first + 4).payload(utf8(HELLO))).expect(echoThenFail).build());
    }
}
