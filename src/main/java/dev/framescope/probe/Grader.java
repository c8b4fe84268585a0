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
        String refused = c.checks().refusedOffer();
        if (!refused.isEmpty() && o.accepted().toLowerCase(java.util.Locale.ROOT).contains(refused)) {
            behavior = Verdict.FAILED;
            result = "The server accepted an extension it cannot know: " + o.accepted() + ".";
        }
        if (c.grading() == Grading.NEEDS_DEFLATE && o.opened() && !o.deflate()) {
            behavior = Verdict.UNIMPLEMENTED;
            result = "The server did not accept permessage-deflate.";
        }
        return new Grade(behavior, result, close, resultClose, Explain.serverDid(c, o, behavior, close));
    }
}
