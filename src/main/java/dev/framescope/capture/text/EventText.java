package dev.framescope.capture.text;

import dev.framescope.capture.CaptureEvent.CloseEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.HandshakeEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatEvent;
import dev.framescope.capture.CaptureEvent.HeartbeatKind;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureEvent.NegotiationEvent;
import dev.framescope.capture.CaptureEvent.NoteEvent;
import dev.framescope.capture.CaptureEvent.RelayEvent;
import dev.framescope.capture.CaptureEvent.StateEvent;
import dev.framescope.capture.CaptureEvent.TimingEvent;
import dev.framescope.capture.CaptureEvent.TlsEvent;
import dev.framescope.capture.CaptureEvent.ViolationEvent;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.HeartbeatStats;
import dev.framescope.capture.Payload;
import dev.framescope.wire.Finding;
import dev.framescope.wire.FrameHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The capture as text: one line per event worth a line, and the end-of-capture summary. */
public final class EventText {

    private EventText() {
    }

    /** A live line for the event, or empty for events the table leaves out (messages of one frame). */
    public static Optional<String> line(CaptureLog log, CaptureEvent event) {
        return line(log, event, log.relayMark(event.seq()));
    }

    /**
     * {@link #line(CaptureLog, CaptureEvent)} with the proxy's mark of the event given: in a stream read from a
     * file, only a mark met before the event (an edit's or an injection's) is known when the event comes; a held
     * original's mark follows it, on a line of its own.
     */
    public static Optional<String> line(CaptureLog log, CaptureEvent event, Optional<RelayEvent> mark) {
        String t = String.format(Locale.ROOT, "%9.3f", log.secondsSinceStart(event.nanos()));
        if (event instanceof FrameEvent f) {
            return Optional.of(t + "  " + frame(f) + mark.map(r -> "   [" + RelayText.mark(r) + "]").orElse(""));
        }
        String text = other(event);
        return text.isEmpty() ? Optional.empty() : Optional.of(t + "  " + text);
    }

    private static String frame(FrameEvent f) {
        FrameHeader h = f.header();
        byte[] shown = f.inflated().map(Payload::bytes).orElseGet(() -> f.payload().bytes());
        String preview = f.close().map(c -> c.brief())
                .orElseGet(() -> FrameText.preview(shown, f.carriesText() || h.opcode().isControl()
                        && dev.framescope.wire.Utf8Validator.isValid(shown), shown.length));
        if (f.inflated().isPresent()) {
            preview = "[" + f.payload().length() + "→" + shown.length + " B] " + preview;
        }
        String chunk = f.isFirstChunk() ? "" : " +" + f.chunkOffset();
        return String.format("%s %-6s %s %10s  %s%s%s", f.dir().arrow(), h.opcode().shortName(), FrameText.flags(h),
                FrameText.length(h), preview, chunk, flagged(f.findings()));
    }

    private static String flagged(List<Finding> findings) {
        return findings.isEmpty() ? "" : "   ! " + FrameText.ids(findings);
    }

    private static String other(CaptureEvent event) {
        if (event instanceof StateEvent s) {
            return "· " + s.state().name().toLowerCase(Locale.ROOT) + (s.detail().isEmpty() ? "" : ": " + s.detail());
        }
        if (event instanceof TimingEvent t) {
            return String.format(Locale.ROOT, "· %s %.2f ms  %s", t.phase(), t.durationNanos() / 1e6, t.detail());
        }
        if (event instanceof TlsEvent t) {
            return "· TLS " + t.protocol() + " " + t.cipherSuite() + (t.insecureOverride() ? "  (NOT VERIFIED: insecure)"
                    : "  (verified)") + (t.peerChain().isEmpty() ? "" : "  peer: " + t.peerChain().get(0));
        }
        if (event instanceof HandshakeEvent h) {
            String req = firstLine(h.rawRequest());
            String resp = h.status() == 0 ? "(no response head)" : firstLine(h.rawResponse());
            String accept = h.status() != 101 ? "" : h.expectedAccept().isEmpty() ? "  Accept not checked"
                    : h.acceptOk() ? "  Accept ✓" : "  Accept ✗";
            String body = h.responseBody().length == 0 ? "" : "  body " + h.responseBody().length + " B: "
                    + FrameText.preview(h.responseBody(), true, h.responseBody().length);
            return "· " + req + " → " + resp + accept + h.subprotocol().map(p -> "  subprotocol " + p).orElse("")
                    + body + flagged(h.findings());
        }
        if (event instanceof NegotiationEvent n) {
            return "· extensions offered: " + (n.offered().isEmpty() ? "none" : n.offered()) + "; accepted: "
                    + (n.accepted().isEmpty() ? "none" : n.accepted()) + flagged(n.findings());
        }
        if (event instanceof MessageEvent m) {
            if (m.message().frameCount() == 0) {
                return m.dir().arrow() + " " + m.message().opcode().shortName() + " message (message-level, no frame "
                        + "headers), " + m.message().length() + " B: " + FrameText.preview(m.message());
            }
            if (m.message().frameCount() == 1 && m.message().findings().isEmpty()) {
                return "";
            }
            return "  " + m.dir().arrow() + " = " + m.message().opcode().shortName() + " message of "
                    + m.message().frameCount() + " frames, " + m.message().length() + " B: "
                    + FrameText.preview(m.message()) + flagged(m.message().findings());
        }
        if (event instanceof HeartbeatEvent h && h.kind().unanswered()) {
            return "♥ " + (h.kind() == HeartbeatKind.PING_UNANSWERED ? "our ping" : "the server's ping")
                    + " unanswered at the end" + String.format(Locale.ROOT, " after %.2f s",
                    h.rttNanos().orElse(0) / 1e9) + " \"" + new String(h.payload(), StandardCharsets.UTF_8) + "\"";
        }
        if (event instanceof HeartbeatEvent h) {
            String rtt = h.rttNanos().isPresent()
                    ? String.format(Locale.ROOT, " %.2f ms", h.rttNanos().getAsLong() / 1e6) : "";
            return "♥ " + h.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + rtt + " \""
                    + new String(h.payload(), StandardCharsets.UTF_8) + "\"";
        }
        if (event instanceof ViolationEvent v) {
            return "! " + v.finding().describe();
        }
        if (event instanceof CloseEvent c) {
            return "· close: " + closeText(c);
        }
        if (event instanceof CaptureEvent.RelayEvent r) {
            return "· proxy: " + RelayText.summary(r);
        }
        NoteEvent n = (NoteEvent) event;
        return "· " + n.level().name().toLowerCase(Locale.ROOT) + ": " + n.text();
    }

    public static String closeText(CloseEvent c) {
        String who = switch (c.initiator()) {
            case CLIENT -> "we closed";
            case SERVER -> "the server closed";
            case NONE -> "TCP ended without a close frame";
        };
        String sent = c.sentCode().isPresent() ? "sent " + c.sentCode().getAsInt() + " " + c.sentReason() : "sent none";
        String got = c.receivedCode().isPresent() ? "received " + c.receivedCode().getAsInt() + " "
                + c.receivedReason() : "received none";
        return who + "; " + sent.trim() + "; " + got.trim() + "; " + (c.clean() ? "clean" : "abnormal")
                + (c.handshakeNanos().isPresent()
                ? String.format(Locale.ROOT, " (close handshake %.2f ms)", c.handshakeNanos().getAsLong() / 1e6) : "");
    }

    /** The summary printed at the end of a capture and by inspect. */
    public static List<String> summary(CaptureLog log) {
        List<String> lines = new ArrayList<>();
        var counters = log.counters();
        Map<String, Integer> violations = new TreeMap<>();
        String handshake = "no handshake recorded";
        String negotiation = "no extensions negotiated";
        String close = "not closed";
        UnansweredPings unanswered = new UnansweredPings();
        for (CaptureEvent e : log.readFrom(0, log.size())) {
            unanswered.accept(e);
            if (!(e instanceof MessageEvent)) {
                e.findings().forEach(f -> violations.merge(f.violation().id(), 1, Integer::sum));
            }
            if (e instanceof HandshakeEvent h) {
                handshake = (h.status() == 0 ? "no response" : "status " + h.status()) + ", Accept "
                        + (h.expectedAccept().isEmpty() ? "not checked" : h.acceptOk() ? "ok" : "NOT ok")
                        + h.subprotocol().map(p -> ", subprotocol " + p).orElse("");
            } else if (e instanceof NegotiationEvent n) {
                negotiation = "offered [" + n.offered() + "], accepted [" + n.accepted() + "]";
            } else if (e instanceof CloseEvent c) {
                close = closeText(c);
            }
        }
        lines.add("connection " + log.connectionId() + ": " + log.label());
        setup(log.setup().tree(false)).ifPresent(s -> lines.add("  set-up:      " + s));
        lines.add("  handshake:   " + handshake);
        lines.add("  extensions:  " + negotiation);
        lines.add(String.format(Locale.ROOT, "  frames:      %d in (%d payload bytes), %d out (%d payload bytes)",
                counters.framesIn(), counters.payloadIn(), counters.framesOut(), counters.payloadOut()));
        lines.add(String.format(Locale.ROOT, "  messages:    %d in, %d out", counters.messagesIn(),
                counters.messagesOut()));
        lines.add("  heartbeat:   " + HeartbeatStats.of(log).describe());
        lines.add("  close:       " + close);
        unanswered.lines().forEach(l -> lines.add("  unanswered:  " + l));
        lines.add("  violations:  " + (violations.isEmpty() ? "none" : violations.toString()));
        return lines;
    }

    /** The connection's options as the session keeps them (secrets left out), in one line; empty if none kept. */
    static java.util.Optional<String> setup(Map<String, Object> tree) {
        if (!(tree.get("options") instanceof Map<?, ?> options)) {
            return java.util.Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (options.get("subprotocols") instanceof List<?> p && !p.isEmpty()) {
            parts.add("subprotocols " + p);
        }
        if (options.get("extensionOffers") instanceof List<?> o && !o.isEmpty()) {
            parts.add("offers " + o);
        }
        if (options.get("heartbeat") instanceof Map<?, ?> h && h.get("intervalMillis") instanceof Number every
                && every.longValue() > 0) {
            parts.add("ping every " + every + " ms (pong within " + h.get("pongTimeoutMillis") + " ms, missed: "
                    + String.valueOf(h.get("onMissed")).toLowerCase(Locale.ROOT) + ", our pongs: " + h.get("pong") + ")");
        }
        if (options.get("tls") instanceof Map<?, ?> tls) {
            if (Boolean.TRUE.equals(tls.get("insecure"))) {
                parts.add("TLS NOT VERIFIED (insecure)");
            }
            if (tls.get("caFile") != null) {
                parts.add("trusted CA " + tls.get("caFile"));
            }
        }
        if (options.get("reconnect") instanceof Map<?, ?> r && Boolean.TRUE.equals(r.get("enabled"))) {
            parts.add("reconnect up to " + r.get("maxAttempts") + " times from " + r.get("initialDelayMillis") + " ms");
        }
        return java.util.Optional.of(parts.isEmpty() ? "defaults" : String.join("; ", parts));
    }

    private static String firstLine(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int nl = s.indexOf('\r');
        return nl < 0 ? s.strip() : s.substring(0, nl);
    }
}
