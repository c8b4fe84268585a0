package dev.framescope.probe;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One line saying what the server did, and where it failed, what it should have done instead: "sent back text
 * message (20 bytes), then kept the connection open until we dropped it, instead of closing with 1007".
 */
final class Explain {

    private static final int SHOWN = 3;

    private Explain() {
    }

    static String serverDid(ProbeCase c, Observation o, Verdict behavior, Verdict close) {
        String line = behavior == Verdict.UNIMPLEMENTED ? "did not accept permessage-deflate, then " + ending(o)
                : line(c, o, behavior, close);
        if (Grader.acceptedRefusedOffer(c, o)) {
            line = "accepted the extension it cannot know (" + o.accepted() + ") instead of declining it, then " + line;
        }
        boolean tell = c.checks().cleanServer() || c.grading() == ProbeCase.Grading.NEEDS_DEFLATE;
        return o.serverFindings().isEmpty() || !tell ? line
                : line + "; it broke " + String.join("; ", o.serverFindings());
    }

    /** What the server did with a crafted upgrade it must refuse (20.1.3, 20.1.4). */
    static String refusal(ProbeCase c, Observation o, Verdict behavior) {
        int got = o.upgradeStatus();
        String want = "refusing it with " + c.checks().refusal()
                + (c.checks().refusal() == 426 ? " and Sec-WebSocket-Version: 13" : "");
        String rule = " [" + c.rfc() + "]";
        if (behavior == Verdict.OK) {
            return "refused the upgrade with " + got
                    + o.serverVersions().map(v -> " and Sec-WebSocket-Version: " + v).orElse("");
        }
        if (got == 101) {
            return "accepted the upgrade (101) instead of " + want + rule;
        }
        if (got == 0) {
            return "did not answer the upgrade request instead of " + want + rule;
        }
        String did = got >= 400 && got < 500 ? "refused the upgrade with " : "answered the upgrade with ";
        return did + got + (got == c.checks().refusal() ? " without Sec-WebSocket-Version" : "") + " instead of "
                + want + rule;
    }

    private static String line(ProbeCase c, Observation o, Verdict behavior, Verdict close) {
        if (!o.opened()) {
            return o.upgradeStatus() > 0 ? "answered the upgrade with " + o.upgradeStatus() + " instead of 101"
                    : "did not complete the upgrade";
        }
        String rule = c.rule().map(v -> " [" + v.id() + ", " + c.rfc() + "]")
                .orElse(c.rfc().isEmpty() ? "" : " [" + c.rfc() + "]");
        String sent = sent(data(o.received()), !c.expectedOk().isEmpty());
        String ending = ending(o);
        boolean closeWrong = close != Verdict.OK && close != Verdict.INFORMATIONAL;
        List<Received> wanted = data(c.expectedOk());
        if (!c.close().closedByMe() && (behavior.failed() || closeWrong)) {
            String want = (wanted.isEmpty() ? "" : "sending back " + list(wanted) + ", then ") + "closing with "
                    + codes(c);
            return join(sent, ending) + ", instead of " + want + rule;
        }
        boolean mismatch = c.expected().values().stream().noneMatch(o.received()::equals);
        String first = mismatch && !wanted.equals(data(o.received()))
                ? (sent.isEmpty() ? "sent nothing back" : sent) + " instead of "
                + (wanted.isEmpty() ? "nothing" : list(wanted)) : sent;
        String second = closeWrong ? ending + " instead of answering it with " + codes(c) : ending;
        return join(first, second) + (behavior.failed() || closeWrong ? rule : "");
    }

    private static String sent(List<Received> sent, boolean answerExpected) {
        return !sent.isEmpty() ? "sent back " + list(sent) : answerExpected ? "sent nothing back" : "";
    }

    private static List<Received> data(List<Received> items) {
        return items.stream().filter(r -> r.kind() != Received.Kind.TIMEOUT).toList();
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : first + ", then " + second;
    }

    private static String ending(Observation o) {
        String code = o.remoteCloseCode().isPresent() ? String.valueOf(o.remoteCloseCode().getAsInt()) : "no code";
        if (o.closedByMe()) {
            if (o.clean()) {
                return "answered our close frame with " + code + (o.droppedByMe() ? " but kept TCP open" : "");
            }
            return o.droppedByMe() ? "did not answer our close frame: we dropped TCP"
                    : "closed TCP without answering our close frame";
        }
        if (o.clean()) {
            return "closed with " + code + (o.droppedByMe() ? " but kept TCP open" : "");
        }
        return o.droppedByMe() ? "kept the connection open until we dropped it" : "closed TCP without a close frame";
    }

    private static String codes(ProbeCase c) {
        return c.close().codes().stream().map(String::valueOf).collect(Collectors.joining(" or "));
    }

    private static String list(List<Received> items) {
        if (items.size() > SHOWN && items.stream().map(Received::describe).distinct().count() == 1) {
            return items.size() + " × " + items.get(0).describe();
        }
        String shown = items.stream().limit(SHOWN).map(Received::describe).collect(Collectors.joining(", "));
        return items.size() > SHOWN ? shown + " and " + (items.size() - SHOWN) + " more" : shown;
    }
}
