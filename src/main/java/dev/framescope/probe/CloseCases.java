package dev.framescope.probe;

import static dev.framescope.probe.CaseBuilder.NORMAL;
import static dev.framescope.probe.CaseBuilder.PROTOCOL_ERROR;
import static dev.framescope.probe.CaseBuilder.INVALID_PAYLOAD;
import static dev.framescope.probe.CaseBuilder.of;
import static dev.framescope.probe.CaseBuilder.repeat;
import static dev.framescope.probe.CaseBuilder.utf8;

import dev.framescope.probe.ProbeCase.Grading;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Violation;
import java.util.ArrayList;
import java.util.List;

/** Autobahn's cases 7.* (close handling), from {@code case7_1_1.py} … {@code case7_13_2.py}, and 10.1.1. */
final class CloseCases {

    static final int[] VALID_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
    static final int[] INVALID_CODES = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};
    private static final String HELLO = "Hello World!";

    private CloseCases() {
    }

    static List<ProbeCase> all() {
        List<ProbeCase> cases = new ArrayList<>();
        basic(cases);
        payloadLength(cases);
        cases.add(closing(of("7.5.1", "Send a close frame with invalid UTF8 payload").expect("Clean close with "
                        + "protocol error or invalid utf8 code or dropped TCP.").rule(Violation.INVALID_CLOSE_REASON_UTF8)
                .rawClose(NORMAL, Utf8Cases.INVALID_AT_12).closedByUsWith(false, PROTOCOL_ERROR, INVALID_PAYLOAD)));
        for (int i = 0; i < VALID_CODES.length; i++) {
            int code = VALID_CODES[i];
            cases.add(closing(of("7.7." + (i + 1), "Send close with valid close code " + code)
                    .expect("Clean close with normal or echoed code").rfc("RFC 6455 §7.4.1")
                    .rawClose(code, new byte[0]).closedByUsWith(true, NORMAL, code)));
        }
        for (int i = 0; i < INVALID_CODES.length; i++) {
            int code = INVALID_CODES[i];
            cases.add(closing(of("7.9." + (i + 1), "Send close with invalid close code " + code)
                    .expect("Clean close with protocol error code or drop TCP").rule(Violation.INVALID_CLOSE_CODE)
                    .rawClose(code, new byte[0]).closedByUsWith(false, PROTOCOL_ERROR)));
        }
        cases.add(undefined("7.13.1", 5000));
        cases.add(undefined("7.13.2", 65535));
        cases.add(of("10.1.1", "Send text message with payload of length 65536 auto-fragmented with "
                        + "autoFragmentSize = 1300.").expect("Receive echo'ed text message (with payload as sent and "
                        + "transmitted frame counts as expected). Clean close with normal code.").rfc("RFC 6455 §5.4")
                .message(Opcode.TEXT, repeat('*', 65536), 1300).ok(Received.text(repeat('*', 65536)))
                .closedByUs().killAfter(10).build());
        return cases;
    }

    private static void basic(List<ProbeCase> cases) {
        cases.add(of("7.1.1", "Send a message followed by a close frame").expect("Echoed message followed by clean "
                        + "close with normal code.").rfc("RFC 6455 §7.1.2").frame(1, HELLO).ok(Received.text(HELLO))
                .closedByUs().killAfter(1).grading(Grading.WRONG_CODE_FAILS).build());
        cases.add(closing(of("7.1.2", "Send two close frames").expect("Clean close with normal code. Second close "
                + "frame ignored.").rfc("RFC 6455 §5.5.1").close(NORMAL).frame(8, true, new byte[0])
                .closedByUsWith(true, NORMAL)));
        cases.add(closing(of("7.1.3", "Send a ping after close message").expect("Clean close with normal code, no "
                + "pong.").rfc("RFC 6455 §5.5.1").close(NORMAL).frame(9, true, new byte[0])
                .closedByUsWith(true, NORMAL)));
        cases.add(closing(of("7.1.4", "Send text message after sending a close frame").expect("Clean close with "
                + "normal code. Text message ignored.").rfc("RFC 6455 §5.5.1").close(NORMAL).frame(1, HELLO)
                .closedByUsWith(true, NORMAL)));
        cases.add(closing(of("7.1.5", "Send message fragment1 followed by close then fragment").expect("Clean close "
                + "with normal code.").rfc("RFC 6455 §5.5.1").frame(1, false, "fragment1").close(NORMAL)
                .frame(0, true, "fragment2").closedByUsWith(true, NORMAL)));
        cases.add(of("7.1.6", "Send 256K message followed by close then a ping").expect("Case outcome depends on "
                        + "implementation defined close behavior. Message and close frame are sent back to back. If "
                        + "the close frame is processed before the text message write is complete (as can happen in "
                        + "asynchronous processing models) the close frame is processed first and the text message "
                        + "may not be received or may only be partially received.").rfc("RFC 6455 §7.1.2")
                .frame(1, true, pattern("BAsd7&jh23", 256 * 1024)).frame(1, HELLO).close(NORMAL)
                .frame(9, true, new byte[0]).ok(Received.text(HELLO)).nonStrict()
                .closedByUsWith(true, NORMAL).grading(Grading.INFORMATIONAL).killAfter(1).build());
    }

    private static void payloadLength(List<ProbeCase> cases) {
        cases.add(closing(of("7.3.1", "Send a close frame with payload length 0 (no close code, no close reason)")
                .expect("Clean close with normal code.").rfc("RFC 6455 §5.5.1").rawClose(new byte[0], -1, "")
                .closedByUsWith(true, NORMAL)));
        cases.add(closing(of("7.3.2", "Send a close frame with payload length 1").expect("Clean close with protocol "
                        + "error or drop TCP.").rule(Violation.CLOSE_PAYLOAD_ONE_BYTE).rawClose(utf8("a"), -1, "a")
                .closedByUsWith(false, PROTOCOL_ERROR)));
        cases.add(closing(of("7.3.3", "Send a close frame with payload length 2 (regular close with a code)")
                .expect("Clean close with normal code.").rfc("RFC 6455 §5.5.1").close(NORMAL)
                .closedByUsWith(true, NORMAL)));
        cases.add(closing(of("7.3.4", "Send a close frame with close code and close reason").expect("Clean close "
                        + "with normal code.").rfc("RFC 6455 §5.5.1").rawClose(NORMAL, utf8(HELLO))
                .closedByUsWith(true, NORMAL)));
        cases.add(closing(of("7.3.5", "Send a close frame with close code and close reason of maximum length (123)")
                .expect("Clean close with normal code.").rfc("RFC 6455 §5.5.1").rawClose(NORMAL, repeat('*', 123))
                .closedByUsWith(true, NORMAL)));
        cases.add(closing(of("7.3.6", "Send a close frame with close code and close reason which is too long (124) - "
                        + "total frame payload 126 octets").expect("Clean close with protocol error code or dropped "
                        + "TCP connection.").rule(Violation.CONTROL_FRAME_TOO_LONG).rawClose(NORMAL, repeat('*', 124))
                .closedByUsWith(false, PROTOCOL_ERROR)));
    }

    private static ProbeCase closing(CaseBuilder c) {
        return c.killAfter(1).grading(Grading.WRONG_CODE_FAILS).build();
    }

    private static ProbeCase undefined(String id, int code) {
        return of(id, "Send close with close code " + code).expect("Actual events are undefined by the spec.")
                .rule(Violation.INVALID_CLOSE_CODE).rawClose(code, new byte[0])
                .closedByUsWith(false, NORMAL, code, PROTOCOL_ERROR).grading(Grading.INFORMATIONAL).killAfter(1)
                .build();
    }

    /** Autobahn's {@code payload_len}: the pattern repeated to {@code length} bytes. */
    static byte[] pattern(String unit, int length) {
        byte[] u = utf8(unit);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = u[i % u.length];
        }
        return out;
    }
}
