package dev.framescope.probe;

import dev.framescope.probe.ProbeCase.ExpectedClose;
import dev.framescope.probe.ProbeCase.Grading;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Autobahn's grading ({@code Case.onConnectionLost} in {@code case/case.py}, with the per-case adjustments of 7.*,
 * 7.1.6 and 7.13.*): the received sequence against each accepted outcome, then the close against the expected close.
 * Pure: an observation in, a grade out.
 */
public final class Grader {

    private Grader() {
    }

    public static Grade grade(ProbeCase c, Observation o) {
        if (c.checks().refusal() > 0) {
            return refusal(c, o);
        }
        Verdict behavior = Verdict.FAILED;
        String result = "Actual events differ from any expected.";
        for (Map.Entry<Verdict, List<Received>> e : c.expected().entrySet()) {
            if (e.getValue().equals(o.received())) {
                behavior = e.getKey();
                result = "Actual events match at least one expected.";
                break;
            }
        }
        Verdict close;
        String resultClose;
        ExpectedClose ex = c.close();
        if (!o.opened()) {
            close = Verdict.FAILED;
            resultClose = "The WebSocket opening handshake was never completed!";
        } else if (ex.closedByMe() != o.closedByMe()) {
            close = Verdict.FAILED;
            resultClose = "The connection was failed by the wrong endpoint";
        } else if (ex.requireClean() && !o.clean()) {
            close = Verdict.UNCLEAN;
            resultClose = "The spec requires the connection to be failed cleanly here";
        } else if (o.remoteCloseCode().isPresent() && !ex.codes().contains(o.remoteCloseCode().getAsInt())) {
            close = Verdict.WRONG_CODE;
            resultClose = "The close code should have been " + ex.codes().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")) + " or empty";
        } else if (o.droppedByMe()) {
            close = Verdict.FAILED_BY_CLIENT;
            resultClose = "It is preferred that the server close the TCP connection";
        } else {
            close = Verdict.OK;
            resultClose = "Connection was properly closed";
        }
        if (o.opened() && ex.wrongEndpointFatal() && ex.closedByMe() != o.closedByMe()) {
            behavior = Verdict.FAILED;
        }
        if (c.grading() == Grading.WRONG_CODE_FAILS && close == Verdict.WRONG_CODE) {
            behavior = Verdict.FAILED;
            result = resultClose;
        }
        if (c.grading() == Grading.INFORMATIONAL) {
            result = behavior == Verdict.OK && !c.expectedOk().isEmpty() ? "Text message was processed before close."
                    : behavior == Verdict.NON_STRICT ? "Close was processed before text message could be returned."
                    : "Actual events are undefined by the spec.";
            behavior = Verdict.INFORMATIONAL;
            close = Verdict.INFORMATIONAL;
        }
        if (c.checks().cleanServer() && !o.serverFindings().isEmpty() && !behavior.failed()) {
            behavior = Verdict.FAILED;
            result = "The server broke a rule: " + String.join("; ", o.serverFindings()) + ".";
        }
        if (acceptedRefusedOffer(c, o)) {
            behavior = Verdict.FAILED;
            result = "The server accepted an extension it cannot know: " + o.accepted() + ".";
        }
        if (c.grading() == Grading.NEEDS_DEFLATE && o.opened() && !o.deflate()) {
            behavior = Verdict.UNIMPLEMENTED;
            result = "The server did not accept permessage-deflate.";
        }
        return new Grade(behavior, result, close, resultClose, Explain.serverDid(c, o, behavior, close));
    }

    /** The 101 accepted the extension the case offered for the server to decline (20.1.1). */
    static boolean acceptedRefusedOffer(ProbeCase c, Observation o) {
        String refused = c.checks().refusedOffer();
        return !refused.isEmpty() && o.accepted().toLowerCase(java.util.Locale.ROOT).contains(refused);
    }

    /**
     * 20.1.3, 20.1.4: the expected refusal is OK (a 426 only with the Sec-WebSocket-Version it supports, RFC 6455
     * §4.4); another 4xx is NON-STRICT (§4.2.1 names 400 as an example); an upgrade, no answer or another status
     * FAILED. The close grade says whether the upgrade was refused at all.
     */
    private static Grade refusal(ProbeCase c, Observation o) {
        int want = c.checks().refusal();
        int got = o.upgradeStatus();
        Verdict behavior;
        String result;
        if (got == want && (want != 426 || o.serverVersions().isPresent())) {
            behavior = Verdict.OK;
            result = "The server refused the upgrade with " + got + ".";
        } else if (got == want) {
            behavior = Verdict.NON_STRICT;
            result = "The server refused the upgrade with 426 but did not name the versions it supports.";
        } else if (got >= 400 && got < 500) {
            behavior = Verdict.NON_STRICT;
            result = "The server refused the upgrade with " + got + " where " + want + " is expected.";
        } else {
            behavior = Verdict.FAILED;
            result = got == 101 ? "The server accepted an upgrade it must refuse."
                    : got == 0 ? "The server did not answer the upgrade request."
                    : "The server answered the upgrade with " + got + " where " + want + " is expected.";
        }
        boolean refused = got > 0 && got != 101;
        Verdict close = refused ? Verdict.OK : Verdict.FAILED;
        String resultClose = refused ? "The upgrade was refused" : "The upgrade was not refused";
        return new Grade(behavior, result, close, resultClose, Explain.refusal(c, o, behavior));
    }
}
