package dev.framescope.probe;

import static dev.framescope.probe.CaseBuilder.PROTOCOL_ERROR;
import static dev.framescope.probe.CaseBuilder.of;

import dev.framescope.wire.Violation;
import java.util.ArrayList;
import java.util.List;

/** Autobahn's cases 5.* (fragmentation), as {@code case5_1.py} … {@code case5_20.py} define them. */
final class FragmentationCases {

    private static final String HELLO = "Hello, world!";
    private static final String NON_CONTINUATION = "non-continuation payload";

    private FragmentationCases() {
    }

    static List<ProbeCase> all() {
        List<ProbeCase> cases = new ArrayList<>();
        cases.add(fragmentedControl("5.1", "Send Ping fragmented into 2 fragments.", 9));
        cases.add(fragmentedControl("5.2", "Send Pong fragmented into 2 fragments.", 10));
        cases.add(twoFragments(of("5.3", "Send text Message fragmented into 2 fragments.")));
        cases.add(twoFragments(of("5.4", "Send text Message fragmented into 2 fragments, one fragment at a time.")
                .sync()));
        cases.add(twoFragments(of("5.5", "Send text Message fragmented into 2 fragments, octets are sent in "
                + "octet-wise chops.").chop(1)));
        cases.add(pingBetween(of("5.6", "Send text Message fragmented into 2 fragments, with one ping in-between.")));
        cases.add(pingBetween(of("5.7", "Send text Message fragmented into 2 fragments, with one ping in-between, "
                + "one fragment at a time.").sync()));
        cases.add(pingBetween(of("5.8", "Send text Message fragmented into 2 fragments, with one ping in-between, "
                + "octets are sent in octet-wise chops.").chop(1)));
        for (int i = 0; i < 3; i++) {
            cases.add(continuationFirst(of("5." + (9 + i), "Send unfragmented Text Message after Continuation Frame "
                    + "with FIN = true, where there is nothing to continue, sent in " + STYLES[i] + "."), i, true));
        }
        for (int i = 0; i < 3; i++) {
            cases.add(continuationFirst(of("5." + (12 + i), "Send unfragmented Text Message after Continuation Frame "
                    + "with FIN = false, where there is nothing to continue, sent in " + STYLES[i] + "."), i, false));
        }
        cases.add(of("5.15", "Send text Message fragmented into 2 fragments, then Continuation Frame with FIN = false "
                + "where there is nothing to continue, then unfragmented Text Message, all sent in one chop.")
                .expect("The connection is failed immediately, since there is no message to continue.")
                .rule(Violation.CONTINUATION_WITHOUT_START)
                .frame(1, false, "fragment1").frame(0, true, "fragment2").frame(0, false, "fragment3")
                .frame(1, true, "fragment4").ok(Received.text("fragment1fragment2")).nonStrict()
                .serverFails(PROTOCOL_ERROR).killAfter(1).build());
        cases.add(twiceBroken(of("5.16", "Repeated 2x: Continuation Frame with FIN = false (where there is nothing to "
                + "continue), then text Message fragmented into 2 fragments."), false));
        cases.add(twiceBroken(of("5.17", "Repeated 2x: Continuation Frame with FIN = true (where there is nothing to "
                + "continue), then text Message fragmented into 2 fragments."), true));
        cases.add(of("5.18", "Send text Message fragmented into 2 fragments, with both frame opcodes set to text, "
                + "sent in one chop.").expect("The connection is failed immediately, since all data frames after "
                + "the initial data frame must have opcode 0.").rule(Violation.DATA_FRAME_DURING_FRAGMENTED_MESSAGE)
                .frame(1, false, "fragment1").frame(1, true, "fragment2")
                .serverFails(PROTOCOL_ERROR).killAfter(1).build());
        cases.add(pingsBetween(of("5.19", "A fragmented text message is sent in multiple frames. After sending the "
                + "first 2 frames of the text message, a Ping is sent. Then we wait 1s, then we send 2 more text "
                + "fragments, another Ping and then the final text fragment. Everything is legal.")));
        cases.add(pingsBetween(of("5.20", "Same as Case 5.19, but send all frames with SYNC = True. Note, this does "
                + "not change the octets sent in any way, only how the stream is chopped up on the wire.").sync()));
        return cases;
    }

    private static final String[] STYLES = {"one chop", "per-frame chops", "octet-wise chops"};

    private static ProbeCase fragmentedControl(String id, String description, int opcode) {
        return of(id, description).expect("Connection is failed immediately, since control message MUST NOT be "
                        + "fragmented.").rule(Violation.FRAGMENTED_CONTROL_FRAME)
                .frame(opcode, false, "fragment1").frame(0, true, "fragment2")
                .serverFails(PROTOCOL_ERROR).killAfter(1).build();
    }

    private static ProbeCase twoFragments(CaseBuilder c) {
        return c.expect("Message is processed and echo'ed back to us.").rfc("RFC 6455 §5.4")
                .frame(1, false, "fragment1").frame(0, true, "fragment2")
                .ok(Received.text("fragment1fragment2")).closedByUs().closeAfter(1).build();
    }

    private static ProbeCase pingBetween(CaseBuilder c) {
        return c.expect("A pong is received, then the message is echo'ed back to us.").rfc("RFC 6455 §5.4")
                .frame(1, false, "fragment1").frame(9, true, "ping payload").frame(0, true, "fragment2")
                .ok(Received.pong("ping payload"), Received.text("fragment1fragment2")).closedByUs().closeAfter(1)
                .build();
    }

    private static ProbeCase continuationFirst(CaseBuilder c, int style, boolean fin) {
        if (style == 1) {
            c.sync();
        } else if (style == 2) {
            c.chop(1);
        }
        return c.expect("The connection is failed immediately, since there is no message to continue.")
                .rule(Violation.CONTINUATION_WITHOUT_START)
                .frame(0, fin, NON_CONTINUATION).frame(1, true, HELLO)
                .serverFails(PROTOCOL_ERROR).killAfter(1).build();
    }

    private static ProbeCase twiceBroken(CaseBuilder c, boolean fin) {
        c.expect("The connection is failed immediately, since there is no message to continue.")
                .rule(Violation.CONTINUATION_WITHOUT_START);
        for (int i = 0; i < 2; i++) {
            c.frame(0, fin, "fragment1").frame(1, false, "fragment2").frame(0, true, "fragment3");
        }
        return c.serverFails(PROTOCOL_ERROR).killAfter(1).build();
    }

    /**
     * 5.19/5.20: Autobahn waits a fixed second between the two halves; we wait until the first pong came (or that
     * second passed), which sends the same octets in the same order.
     */
    private static ProbeCase pingsBetween(CaseBuilder c) {
        return c.expect("We expect the 2 Pongs, and the complete message echo'ed back to us.").rfc("RFC 6455 §5.4")
                .frame(1, false, "fragment1").frame(0, false, "fragment2").frame(9, true, "pongme 1!")
                .awaitReceived(1, 1)
                .frame(0, false, "fragment3").frame(0, false, "fragment4").frame(9, true, "pongme 2!")
                .frame(0, true, "fragment5")
                .ok(Received.pong("pongme 1!"), Received.pong("pongme 2!"),
                        Received.text("fragment1fragment2fragment3fragment4fragment5"))
                .closedByUs().closeAfter(1).build();
    }
}
