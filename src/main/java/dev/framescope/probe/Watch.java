package dev.framescope.probe;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.Message;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.Severity;
import dev.framescope.wire.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a case's capture log as it grows and keeps what the grading needs: the server's messages, pings and pongs
 * in order, its close frame, the close summary, and whether we had to close TCP. The probe acts on the capture, as
 * the driver does: nothing is decoded a second time. One thread (the case's) uses it.
 */
final class Watch {

    /** The text both the connection and the driver note when they drop a server that never answered our close. */
    private static final String CLOSE_TIMED_OUT = "no close frame from the server within";

    private final CaptureLog log;
    private final boolean digests;
    private final java.util.LinkedHashSet<String> findings = new java.util.LinkedHashSet<>();
    private String accepted = "";
    private Optional<String> subprotocol = Optional.empty();
    private Optional<String> serverVersions = Optional.empty();
    private final List<Received> received = new ArrayList<>();
    private int next;
    private boolean serverClose;
    private boolean keptOpen;
    private boolean closeTimedOut;
    private int upgradeStatus;
    private boolean deflate;
    private Optional<CaptureEvent.CloseEvent> closed = Optional.empty();

    /** @param digests keep messages as their SHA-256 ({@link Received#digested}) */
    Watch(CaptureLog log, boolean digests) {
        this.log = log;
        this.digests = digests;
    }

    /** Reads what the log gained; true when it holds something new the server sent. */
    boolean drain() {
        int before = received.size();
        while (true) {
            List<CaptureEvent> batch = log.readFrom(next, 4096);
            if (batch.isEmpty()) {
                break;
            }
            next += batch.size();
            batch.forEach(this::take);
        }
        return received.size() > before;
    }

    private void take(CaptureEvent e) {
        if (inbound(e)) {
            // Our own request's shortcomings are not the server's (the driver skips them too).
            e.findings().stream().filter(f -> f.violation().severity() == Severity.ERROR)
                    .filter(f -> f.violation() != Violation.HANDSHAKE_REQUEST_INVALID)
                    .forEach(f -> findings.add(f.violation().id() + (f.detail().isEmpty() ? "" : ": " + f.detail())));
        }
        if (e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.IN) {
            Message msg = m.message();
            Received r = msg.opcode() == Opcode.BINARY ? Received.binary(msg.payload()) : Received.text(msg.payload());
            received.add(digests ? r.digested() : r);
        } else if (e instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.IN && f.isFirstChunk()
                && f.lastChunk()) {
            Opcode op = f.header().opcode();
            if (op == Opcode.PING) {
                received.add(Received.ping(f.payload().bytes()));
            } else if (op == Opcode.PONG) {
                received.add(Received.pong(f.payload().bytes()));
            } else if (op == Opcode.CLOSE) {
                serverClose = true;
            }
        } else if (e instanceof CaptureEvent.CloseEvent c) {
            closed = Optional.of(c);
        } else if (e instanceof CaptureEvent.ViolationEvent v
                && v.finding().violation() == Violation.SERVER_KEPT_TCP_OPEN) {
            keptOpen = true;
        } else if (e instanceof CaptureEvent.NoteEvent n && n.text().startsWith(CLOSE_TIMED_OUT)) {
            closeTimedOut = true;
        } else if (e instanceof CaptureEvent.HandshakeEvent h) {
            upgradeStatus = h.status();
            accepted = h.acceptedExtensions();
            subprotocol = h.subprotocol();
            serverVersions = HttpHeadParser.parseResponse(h.rawResponse())
                    .flatMap(r -> r.headers().first("Sec-WebSocket-Version"));
            deflate = accepted.toLowerCase(java.util.Locale.ROOT).contains("permessage-deflate");
        }
    }

    private static boolean inbound(CaptureEvent e) {
        return e instanceof CaptureEvent.MessageEvent m && m.dir() == Direction.IN
                || e instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.IN
                || e instanceof CaptureEvent.HandshakeEvent;
    }

    /** The server accepted permessage-deflate (known once the upgrade is in the log). */
    boolean deflate() {
        return deflate;
    }

    /** The upgrade response's status; 0 until one is in. */
    int upgradeStatus() {
        return upgradeStatus;
    }

    int receivedCount() {
        return received.size();
    }

    List<Received> received() {
        return received;
    }

    /** One of our waits ran out with the connection still open (Autobahn's {@code timeout} entry). */
    void timedOut(String label) {
        received.add(Received.timeout(label));
    }

    /** The server's close frame has arrived. */
    boolean serverClosing() {
        return serverClose;
    }

    /** @param closedByMe we sent the first close frame as our close (not a crafted frame with its opcode) */
    Observation observation(boolean opened, boolean closedByMe, boolean weDropped) {
        boolean clean = closed.map(CaptureEvent.CloseEvent::clean).orElse(false);
        OptionalInt code = closed.map(CaptureEvent.CloseEvent::receivedCode).orElse(OptionalInt.empty());
        String reason = closed.map(CaptureEvent.CloseEvent::receivedReason).orElse("");
        return new Observation(opened, received, closedByMe, clean, code, reason,
                weDropped || keptOpen || closeTimedOut, deflate, upgradeStatus, accepted, subprotocol,
                List.copyOf(findings), serverVersions);
    }
}
