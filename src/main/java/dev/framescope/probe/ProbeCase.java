package dev.framescope.probe;

import dev.framescope.wire.Violation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One conformance case: what we send, what we accept back, and how the connection must end. Cases 1.*-10.* carry
 * Autobahn TestSuite's numbers, texts and expectations ({@code autobahntestsuite/case/case*.py}); 12.* and 13.*
 * its permessage-deflate matrix; 20.* are ours (docs/probe.md).
 *
 * @param expected outcomes the received sequence may match, in order of preference (OK, NON-STRICT, …)
 * @param rfc      the clause the case checks, e.g. "RFC 6455 §5.2"
 * @param rule     our violation id for what the server must reject, when one applies
 * @param offers   extension offers for the upgrade request, verbatim
 * @param checks   further checks of ours on what the server did
 */
public record ProbeCase(String id, String description, String expectation, String rfc, Optional<Violation> rule,
                        List<Step> steps, Map<Verdict, List<Received>> expected, ExpectedClose close, Ending ending,
                        Grading grading, List<String> offers, Checks checks) {

    public ProbeCase {
        steps = List.copyOf(steps);
        expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
        offers = List.copyOf(offers);
    }

    /**
     * Our checks beyond Autobahn's (the 12.*, 13.* and 20.* cases).
     *
     * @param digests         messages are compared by SHA-256 (1000 echoes of up to 128 KiB)
     * @param cleanServer     an error-level finding on the server's frames or messages fails the case (a server
     *                        that refers back past its window, or inflates with the wrong context)
     * @param subprotocols    subprotocols to offer
     * @param refusedOffer    an extension offer the server must not accept (it cannot know it)
     * @param refusal         the HTTP status a server must refuse our crafted upgrade with (0: none; the case's
     *                        first step is then a {@link Step.Upgrade})
     */
    public record Checks(boolean digests, boolean cleanServer, List<String> subprotocols, String refusedOffer,
                         int refusal) {
        public static final Checks NONE = new Checks(false, false, List.of(), "");

        public Checks {
            subprotocols = List.copyOf(subprotocols);
        }

        public Checks(boolean digests, boolean cleanServer, List<String> subprotocols, String refusedOffer) {
            this(digests, cleanServer, subprotocols, refusedOffer, 0);
        }

        /** The server must refuse the upgrade with {@code status}. */
        public static Checks refusal(int status) {
            return new Checks(false, false, List.of(), "", status);
        }
    }

    /**
     * How the connection must end (Autobahn's {@code expectedClose}).
     *
     * @param closedByMe         we start the close handshake (else the server must fail the connection)
     * @param codes              close codes accepted from the server; the first is the one we close with
     * @param requireClean       both close frames must cross
     * @param wrongEndpointFatal the server not failing the connection fails the case, not only its close
     * @param autoClose          we close as soon as the received sequence matches (Autobahn's
     *                           {@code finishWhenDone}; off where the case sends its own close)
     */
    public record ExpectedClose(boolean closedByMe, List<Integer> codes, boolean requireClean,
                                boolean wrongEndpointFatal, boolean autoClose) {
        public ExpectedClose {
            codes = List.copyOf(codes);
        }
    }

    /**
     * After the steps: drop TCP ({@code kill}, Autobahn's {@code killAfter}) or send our close
     * ({@code closeAfter}) once {@code seconds} (scaled by the run's timeout) have passed with the connection open.
     */
    public record Ending(boolean kill, double seconds) {
    }

    /** Autobahn's per-case adjustments to the plain grading. */
    public enum Grading {
        PLAIN,
        /** 7.*: a WRONG CODE close fails the case itself. */
        WRONG_CODE_FAILS,
        /** 7.1.6 and 7.13.*: the spec leaves the outcome open; graded INFORMATIONAL, what happened said. */
        INFORMATIONAL,
        /** 12.* and 13.*: UNIMPLEMENTED when the server did not accept permessage-deflate. */
        NEEDS_DEFLATE,
        /** 9.*: the echo's round trips are timed. */
        TIMED
    }

    /** The major category: "1" for "1.1.1". */
    public String category() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /** The case id as Autobahn writes it in file names: "1_1_1". */
    public String fileId() {
        return id.replace('.', '_');
    }

    /** The outcome to compare with first. */
    public List<Received> expectedOk() {
        return expected.getOrDefault(Verdict.OK, List.of());
    }
}
