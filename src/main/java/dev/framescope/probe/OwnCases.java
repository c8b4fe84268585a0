package dev.framescope.probe;

import static dev.framescope.probe.CaseBuilder.PROTOCOL_ERROR;
import static dev.framescope.probe.CaseBuilder.of;
import static dev.framescope.probe.CaseBuilder.utf8;

import dev.framescope.probe.ProbeCase.Checks;
import dev.framescope.probe.ProbeCase.Grading;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Cases Autobahn lacks, in a range of our own (20.*; docs/probe.md): 20.1 the opening handshake, 20.2
 * permessage-deflate context traps, 20.3 masking. Graded like Autobahn's, plus our checks ({@link Checks}): an
 * error-level finding on the server's frames fails a case that asks for it.
 */
final class OwnCases {

    private static final String HELLO = "Hello, world!";
    static final String UNKNOWN_EXTENSION = "x-framescope-unknown";

    private OwnCases() {
    }

    static List<ProbeCase> all() {
        List<ProbeCase> cases = new ArrayList<>();
        cases.add(echo(of("20.1.1", "Offer an extension no server can know (" + UNKNOWN_EXTENSION + "; p=1), then "
                + "send a text message.").expect("The 101 does not accept it; the message is echo'ed back.")
                .rfc("RFC 6455 §9.1").offer(UNKNOWN_EXTENSION + "; p=1")
                .checks(new Checks(false, true, List.of(), UNKNOWN_EXTENSION))));
        cases.add(echo(of("20.1.2", "Offer a subprotocol an echo server has no reason to select "
                + "(framescope.probe.v1), then send a text message.").expect("The server selects it or none, never "
                + "another; the message is echo'ed back.").rule(Violation.HANDSHAKE_SUBPROTOCOL_NOT_OFFERED)
                .checks(new Checks(false, true, List.of("framescope.probe.v1"), ""))));
        cases.add(of("20.1.3", "Ask to upgrade with Sec-WebSocket-Version: 8 (an earlier draft's).").expect("The "
                + "server refuses the upgrade with 426 Upgrade Required and names the versions it supports in "
                + "Sec-WebSocket-Version (13); another 4xx is NON-STRICT.").rfc("RFC 6455 §4.2.1, §4.4")
                .step(new Step.Upgrade("8", true)).checks(Checks.refusal(426)).build());
        cases.add(of("20.1.4", "Ask to upgrade without a Sec-WebSocket-Key.").expect("The server refuses the "
                + "upgrade with 400 Bad Request; another 4xx is NON-STRICT.").rfc("RFC 6455 §4.2.1")
                .step(new Step.Upgrade("13", false)).checks(Checks.refusal(400)).build());
        cases.add(repeated("20.2.1", "permessage-deflate; client_no_context_takeover", "We promise "
                + "client_no_context_takeover and compress each of 10 identical messages from an empty window.",
                "RFC 7692 §7.1.1.2"));
        cases.add(repeated("20.2.2", "permessage-deflate; server_no_context_takeover", "We ask for "
                + "server_no_context_takeover; the server's 10 echoes of one message must each inflate from an empty "
                + "window (a server that keeps its context produces messages we cannot inflate).",
                "RFC 7692 §7.1.1.1"));
        cases.add(farBack("20.2.3", "permessage-deflate; server_max_window_bits=9", "We ask for "
                + "server_max_window_bits=9 and send a message whose second half repeats its first 600 bytes later: "
                + "the echo must not refer back farther than 512 bytes.", "RFC 7692 §7.1.2.1"));
        cases.add(farBack("20.2.4", "permessage-deflate; client_max_window_bits=9", "We offer "
                + "client_max_window_bits=9 and compress within 512 bytes a message whose second half repeats its "
                + "first 600 bytes: the server must inflate it with the smaller window.", "RFC 7692 §7.1.2.2"));
        cases.add(of("20.3.1", "Send an unmasked text frame.").expect("The connection is failed immediately "
                        + "(1002): a server must close on an unmasked client frame.").rule(Violation.UNMASKED_CLIENT_FRAME)
                .asIs(FrameEncoder.text(HELLO).unmasked()).serverFails(PROTOCOL_ERROR).killAfter(1).build());
        cases.add(echo(of("20.3.2", "Send a text frame masked with the key 0x00000000.").expect("The message is "
                        + "echo'ed back: a zero key is a key like any other.").rfc("RFC 6455 §5.3"),
                FrameEncoder.text(HELLO).masked(0)));
        return cases;
    }

    private static ProbeCase echo(CaseBuilder c) {
        return echo(c, FrameEncoder.text(HELLO).masked());
    }

    private static ProbeCase echo(CaseBuilder c, FrameEncoder frame) {
        return c.asIs(frame).ok(Received.text(HELLO)).closedByUs().closeAfter(1).build();
    }

    private static ProbeCase repeated(String id, String offer, String description, String rfc) {
        String text = "{\"jsonrpc\":\"2.0\",\"method\":\"ticker.update\",\"params\":{\"symbol\":\"EURUSD\",\"bid\":"
                + "1.0842,\"ask\":1.0843}}";
        CaseBuilder c = of(id, description).expect("Ten echoes, each inflating cleanly; UNIMPLEMENTED when the server "
                + "does not accept permessage-deflate.").rfc(rfc).offer(offer);
        Received[] echoes = new Received[10];
        for (int i = 0; i < 10; i++) {
            c.step(new Step.Message(false, utf8(text), 0));
            echoes[i] = Received.text(text);
        }
        return c.ok(echoes).closedByUs().closeAfter(2).grading(Grading.NEEDS_DEFLATE)
                .checks(new Checks(false, true, List.of(), "")).build();
    }

    private static ProbeCase farBack(String id, String offer, String description, String rfc) {
        byte[] block = new byte[600];
        Random r = new Random(20_2);
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + r.nextInt(26));
        }
        byte[] message = Arrays.copyOf(block, 1200);
        System.arraycopy(block, 0, message, 600, 600);
        return of(id, description).expect("The message is echo'ed back, inflating cleanly; UNIMPLEMENTED when the "
                        + "server does not accept the offer.").rfc(rfc).offer(offer)
                .step(new Step.Message(false, message, 0)).ok(Received.text(message)).closedByUs().closeAfter(2)
                .grading(Grading.NEEDS_DEFLATE).checks(new Checks(false, true, List.of(), "")).build();
    }
}
