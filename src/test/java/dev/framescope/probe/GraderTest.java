package dev.framescope.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Autobahn's grading, from observations: no network. */
class GraderTest {

    private final Catalogue catalogue = Catalogue.standard();

    private ProbeCase get(String id) {
        return catalogue.entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().build().get();
    }

    private static Observation serverClosed(List<Received> received, int code) {
        return new Observation(true, received, false, true, OptionalInt.of(code), "", false, false, 101);
    }

    private static Observation weClosed(List<Received> received, int code) {
        return new Observation(true, received, true, true, OptionalInt.of(code), "", false, false, 101);
    }

    @Test
    void anEchoAndACleanNormalCloseIsOk() {
        Grade g = Grader.grade(get("1.1.1"), weClosed(List.of(Received.text("")), 1000));
        assertEquals(Verdict.OK, g.behavior());
        assertEquals(Verdict.OK, g.close());
        assertEquals("sent back text message (0 bytes), then answered our close frame with 1000", g.serverDid());
    }

    @Test
    void echoingInvalidUtf8FailsWithWhatTheServerDid() {
        Observation echoed = new Observation(true, List.of(Received.text(Utf8Cases.INVALID_AT_12)), false, false,
                OptionalInt.empty(), "", true, false, 101);
        Grade g = Grader.grade(get("6.3.1"), echoed);
        assertEquals(Verdict.FAILED, g.behavior());
        assertEquals(Verdict.FAILED_BY_CLIENT, g.close());
        assertEquals("sent back text message (20 bytes), then kept the connection open until we dropped it, "
                + "instead of closing with 1007 [INVALID_UTF8, RFC6455-8.1]", g.serverDid());
    }

    @Test
    void failingBeforeTheEchoIsNonStrict() {
        Grade g = Grader.grade(get("3.2"), serverClosed(List.of(), 1002));
        assertEquals(Verdict.NON_STRICT, g.behavior());
        assertEquals(Verdict.OK, g.close());
    }

    @Test
    void failFastIsOkAndFailingAtTheEndNonStrict() {
        assertEquals(Verdict.OK, Grader.grade(get("6.4.1"),
                serverClosed(List.of(Received.timeout("A")), 1007)).behavior());
        assertEquals(Verdict.NON_STRICT, Grader.grade(get("6.4.1"),
                serverClosed(List.of(Received.timeout("A"), Received.timeout("B")), 1007)).behavior());
    }

    @Test
    void aWrongCloseCodeFailsACloseCase() {
        Grade g = Grader.grade(get("7.1.1"), weClosed(List.of(Received.text("Hello World!")), 1001));
        assertEquals(Verdict.FAILED, g.behavior());
        assertEquals(Verdict.WRONG_CODE, g.close());
        assertEquals("The close code should have been 1000 or empty", g.result());
        assertEquals("sent back text message (12 bytes), then answered our close frame with 1001 instead of "
                + "answering it with 1000 [RFC 6455 §7.1.2]", g.serverDid());
    }

    @Test
    void theSameCodeInAnUnrelatedCaseIsOnlyWrongCode() {
        Grade g = Grader.grade(get("1.1.1"), weClosed(List.of(Received.text("")), 1001));
        assertEquals(Verdict.OK, g.behavior());
        assertEquals(Verdict.WRONG_CODE, g.close());
    }

    @Test
    void aCloseThatIsNotCleanWhereTheCaseRequiresItIsUnclean() {
        Observation noCloseFrame = new Observation(true, List.of(Received.text("")), true, false,
                OptionalInt.empty(), "", false, false, 101);
        Grade g = Grader.grade(get("1.1.1"), noCloseFrame);
        assertEquals(Verdict.OK, g.behavior());
        assertEquals(Verdict.UNCLEAN, g.close());
        assertEquals("sent back text message (0 bytes), then closed TCP without answering our close frame instead of "
                + "answering it with 1000 [RFC 6455 §5.2]", g.serverDid());
    }

    private static Observation echoedWithDeflate(ProbeCase c, boolean deflate, List<String> findings) {
        return new Observation(true, c.expectedOk(), true, true, OptionalInt.of(1000), "", false, deflate, 101,
                deflate ? "permessage-deflate; server_no_context_takeover" : "", Optional.empty(), findings,
                Optional.empty());
    }

    /** 20.2.*: every echo came back, but one would not inflate (a server that kept its context): FAILED. */
    @Test
    void aDeflateTrapFailsOnTheServersFindingEvenWhenEveryEchoCameBack() {
        ProbeCase trap = get("20.2.2");
        Grade clean = Grader.grade(trap, echoedWithDeflate(trap, true, List.of()));
        assertEquals(Verdict.OK, clean.behavior());
        Grade kept = Grader.grade(trap, echoedWithDeflate(trap, true,
                List.of("DEFLATE_ERROR: the compressed payload could not be inflated")));
        assertEquals(Verdict.FAILED, kept.behavior());
        assertEquals(Verdict.OK, kept.close());
        assertEquals("The server broke a rule: DEFLATE_ERROR: the compressed payload could not be inflated.",
                kept.result());
        assertTrue(kept.serverDid().endsWith("; it broke DEFLATE_ERROR: the compressed payload could not be inflated"),
                kept.serverDid());
        Grade none = Grader.grade(trap, echoedWithDeflate(trap, false, List.of()));
        assertEquals(Verdict.UNIMPLEMENTED, none.behavior());
    }

    @Test
    void undefinedCasesAreInformational() {
        Grade g = Grader.grade(get("7.13.1"), weClosed(List.of(), 1002));
        assertEquals(Verdict.INFORMATIONAL, g.behavior());
        assertEquals(Verdict.INFORMATIONAL, g.close());
    }

    @Test
    void aRefusedUpgradeFails() {
        Observation refused = new Observation(false, List.of(), false, false, OptionalInt.empty(), "", false, false,
                404);
        Grade g = Grader.grade(get("2.1"), refused);
        assertEquals(Verdict.FAILED, g.close());
        assertEquals("answered the upgrade with 404 instead of 101", g.serverDid());
    }

    private static Observation answered(int status, Optional<String> versions) {
        return new Observation(status == 101, List.of(), false, false, OptionalInt.empty(), "", false, false, status,
                "", Optional.empty(), List.of(), versions);
    }

    @Test
    void aWrongVersionIsRefusedWith426NamingTheVersions() {
        Grade ok = Grader.grade(get("20.1.3"), answered(426, Optional.of("13")));
        assertEquals(Verdict.OK, ok.behavior());
        assertEquals(Verdict.OK, ok.close());
        assertEquals("refused the upgrade with 426 and Sec-WebSocket-Version: 13", ok.serverDid());
        Grade unnamed = Grader.grade(get("20.1.3"), answered(426, Optional.empty()));
        assertEquals(Verdict.NON_STRICT, unnamed.behavior());
        assertEquals("refused the upgrade with 426 without Sec-WebSocket-Version instead of refusing it with 426 and "
                + "Sec-WebSocket-Version: 13 [RFC 6455 §4.2.1, §4.4]", unnamed.serverDid());
        Grade other = Grader.grade(get("20.1.3"), answered(400, Optional.empty()));
        assertEquals(Verdict.NON_STRICT, other.behavior());
        assertEquals(Verdict.OK, other.close());
    }

    @Test
    void aMissingKeyThatIsAcceptedOrUnansweredFails() {
        Grade accepted = Grader.grade(get("20.1.4"), answered(101, Optional.empty()));
        assertEquals(Verdict.FAILED, accepted.behavior());
        assertEquals(Verdict.FAILED, accepted.close());
        assertEquals("accepted the upgrade (101) instead of refusing it with 400 [RFC 6455 §4.2.1]",
                accepted.serverDid());
        Grade silent = Grader.grade(get("20.1.4"), answered(0, Optional.empty()));
        assertEquals(Verdict.FAILED, silent.behavior());
        assertEquals("did not answer the upgrade request instead of refusing it with 400 [RFC 6455 §4.2.1]",
                silent.serverDid());
        Grade crashed = Grader.grade(get("20.1.4"), answered(500, Optional.empty()));
        assertEquals(Verdict.FAILED, crashed.behavior());
        assertEquals(Verdict.OK, Grader.grade(get("20.1.4"), answered(400, Optional.empty())).behavior());
    }
}
