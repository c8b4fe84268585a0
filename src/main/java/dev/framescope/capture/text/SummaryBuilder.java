package dev.framescope.capture.text;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.CloseEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.HandshakeEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureEvent.NegotiationEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.HeartbeatStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link EventText#summary} built one event at a time, for a session streamed from a file: the same lines, without
 * the connection's events in memory (only the ping round trips are kept, one long each).
 */
public final class SummaryBuilder {

    private long framesIn;
    private long framesOut;
    private long payloadIn;
    private long payloadOut;
    private long messagesIn;
    private long messagesOut;
    private final Map<String, Integer> violations = new TreeMap<>();
    private String handshake = "no handshake recorded";
    private String negotiation = "no extensions negotiated";
    private String close = "not closed";
    private final List<Long> rtts = new ArrayList<>();
    private int missed;
    private final UnansweredPings unanswered = new UnansweredPings();

    public void accept(CaptureEvent e) {
        unanswered.accept(e);
        if (!(e instanceof MessageEvent)) {
            e.findings().forEach(f -> violations.merge(f.violation().id(), 1, Integer::sum));
        }
        if (e instanceof FrameEvent f) {
            boolean in = f.dir() == Direction.IN;
            if (f.isFirstChunk()) {
                framesIn += in ? 1 : 0;
                framesOut += in ? 0 : 1;
            }
            payloadIn += in ? f.payload().length() : 0;
            payloadOut += in ? 0 : f.payload().length();
        } else if (e instanceof MessageEvent m) {
            messagesIn += m.dir() == Direction.IN ? 1 : 0;
            messagesOut += m.dir() == Direction.IN ? 0 : 1;
        } else if (e instanceof HandshakeEvent h) {
            handshake = (h.status() == 0 ? "no response" : "status " + h.status()) + ", Accept "
                    + (h.expectedAccept().isEmpty() ? "not checked" : h.acceptOk() ? "ok" : "NOT ok")
                    + h.subprotocol().map(p -> ", subprotocol " + p).orElse("");
        } else if (e instanceof NegotiationEvent n) {
            negotiation = "offered [" + n.offered() + "], accepted [" + n.accepted() + "]";
        } else if (e instanceof CloseEvent c) {
            close = EventText.closeText(c);
        } else if (e instanceof HeartbeatEvent h) {
            if (h.kind() == HeartbeatKind.PONG_RECEIVED && h.rttNanos().isPresent()) {
                rtts.add(h.rttNanos().getAsLong());
            } else if (h.kind() == HeartbeatKind.PONG_MISSED) {
                missed++;
            }
        }
    }

    /** A plain frame received and its one-frame message: what {@link #accept} counts of the two events. */
    public void acceptPlainFrame(long payloadLength) {
        framesIn++;
        payloadIn += payloadLength;
        messagesIn++;
    }

    /** The summary lines; {@code log} gives the connection's id, label and set-up. */
    public List<String> lines(CaptureLog log) {
        List<String> lines = new ArrayList<>();
        lines.add("connection " + log.connectionId() + ": " + log.label());
        EventText.setup(log.setup().tree(false)).ifPresent(s -> lines.add("  set-up:      " + s));
        lines.add("  handshake:   " + handshake);
        lines.add("  extensions:  " + negotiation);
        lines.add(String.format(Locale.ROOT, "  frames:      %d in (%d payload bytes), %d out (%d payload bytes)",
                framesIn, payloadIn, framesOut, payloadOut));
        lines.add(String.format(Locale.ROOT, "  messages:    %d in, %d out", messagesIn, messagesOut));
        lines.add("  heartbeat:   " + HeartbeatStats.of(rtts, missed).describe());
        lines.add("  close:       " + close);
        unanswered.lines().forEach(l -> lines.add("  unanswered:  " + l));
        lines.add("  violations:  " + (violations.isEmpty() ? "none" : violations.toString()));
        return lines;
    }
}
