package dev.framescope.engine;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.Finding;
import dev.framescope.wire.HandshakeChecker;
import dev.framescope.wire.HandshakeRequest;
import dev.framescope.wire.HandshakeResponse;
import dev.framescope.wire.HandshakeResult;
import dev.framescope.wire.HttpHead;
import dev.framescope.wire.HttpHeaders;
import dev.framescope.wire.NegotiatedDeflate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The opening handshake as the tap saw it (RFC 6455 §4): our request, then the server's response checked against it
 * ({@link HandshakeChecker}) and recorded whole — a refused one (401, 302, a bad Accept) as much as a 101 — with
 * the extension negotiation. Fed the heads and their stamps; reads no clock. The request is written on the write
 * thread before any response can be read on the read thread, so a volatile field hands it over.
 */
final class HandshakeRecorder {

    private final CaptureLog log;
    private volatile Optional<HandshakeRequest> request = Optional.empty();

    HandshakeRecorder(CaptureLog log) {
        this.log = log;
    }

    /** Our request head went out ({@code all} holds it and may hold more). */
    void request(HttpHead head, byte[] all) {
        request = head.asRequest(all);
    }

    /**
     * The server's head arrived at {@code nanos}: recorded with its findings and the negotiation.
     *
     * @return the checked handshake when the server switched protocols (frames follow), else empty
     */
    Optional<HandshakeResult> response(HttpHead head, byte[] all, long nanos) {
        Optional<HandshakeResponse> parsed = head.asResponse(all);
        HandshakeRequest req = request.orElse(new HandshakeRequest("GET", "?", "HTTP/1.1", new HttpHeaders(List.of()),
                new byte[0]));
        if (parsed.isEmpty()) {
            log.append(nanos, s -> new CaptureEvent.HandshakeEvent(s, req.raw(), Arrays.copyOf(all, head.headLength()),
                    new byte[0], 0, "", Optional.empty(), Optional.empty(), "", "", head.findings()));
            return Optional.empty();
        }
        HandshakeResponse r = parsed.get();
        HandshakeResult result = HandshakeChecker.check(req, r);
        String offered = String.join(", ", req.headers().all("Sec-WebSocket-Extensions"));
        String accepted = String.join(", ", r.headers().all("Sec-WebSocket-Extensions"));
        List<Finding> findings = new ArrayList<>(head.findings());
        findings.addAll(result.findings());
        log.append(nanos, s -> new CaptureEvent.HandshakeEvent(s, req.raw(), r.raw(), r.body(), r.status(),
                result.expectedAccept(), result.receivedAccept(), result.subprotocol(), offered, accepted, findings));
        if (!offered.isEmpty() || !accepted.isEmpty()) {
            List<String> effects = result.deflate().map(NegotiatedDeflate::effects).orElse(List.of());
            List<Finding> negotiation = result.deflate().map(NegotiatedDeflate::findings).orElse(List.of());
            log.append(nanos, s -> new CaptureEvent.NegotiationEvent(s, offered, accepted, effects, negotiation));
        }
        return r.isSwitchingProtocols() ? Optional.of(result) : Optional.empty();
    }

    /** What the response's {@code Content-Length} announces beyond the body bytes that came with its head. */
    static long bodyToCome(HandshakeResponse r) {
        if (r.isSwitchingProtocols()) {
            return 0;
        }
        try {
            return Math.max(0, r.headers().first("Content-Length").map(v -> Long.parseLong(v.trim())).orElse(0L)
                    - r.body().length);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
