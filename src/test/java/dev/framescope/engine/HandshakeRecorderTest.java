package dev.framescope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.Handshake;
import dev.framescope.wire.HandshakeResult;
import dev.framescope.wire.HttpHead;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The opening handshake (RFC 6455 §4) recorded from heads and stamps, without a socket. */
class HandshakeRecorderTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String REQUEST = "GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";

    private final CaptureLog log = new CaptureLog(1, "handshake", new PayloadStore(1 << 20));
    private final HandshakeRecorder recorder = new HandshakeRecorder(log);

    private static final class Head {
        final HttpHead head;
        final byte[] all;

        Head(String text) {
            HttpHeadParser parser = new HttpHeadParser();
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            head = parser.feed(bytes, 0, bytes.length).orElseThrow();
            all = parser.received();
        }
    }

    private Optional<HandshakeResult> respond(String response, long nanos) {
        Head request = new Head(REQUEST);
        recorder.request(request.head, request.all);
        Head head = new Head(response);
        return recorder.response(head.head, head.all, nanos);
    }

    @Test
    void a101WithTheRightAcceptUpgradesAndIsRecordedWithTheNegotiation() {
        Optional<HandshakeResult> result = respond("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + Handshake.acceptFor(KEY) + "\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n", 42);
        assertTrue(result.isPresent());
        assertEquals(2, log.size(), "the handshake, then the negotiation");
        CaptureEvent.HandshakeEvent hs = (CaptureEvent.HandshakeEvent) log.get(0);
        assertEquals(101, hs.status());
        assertEquals(42, hs.nanos());
        assertEquals(hs.expectedAccept(), hs.receivedAccept().orElseThrow());
        assertTrue(log.get(1) instanceof CaptureEvent.NegotiationEvent);
    }

    @Test
    void aRefusalIsRecordedWholeAndUpgradesNothing() {
        Optional<HandshakeResult> result = respond("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", 7);
        assertTrue(result.isEmpty());
        CaptureEvent.HandshakeEvent hs = (CaptureEvent.HandshakeEvent) log.get(0);
        assertEquals(401, hs.status());
    }

    @Test
    void aWrongAcceptIsAFindingAndNoUpgrade() {
        Optional<HandshakeResult> result = respond("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: d3JvbmcgYWNjZXB0IHZhbHVlISE=\r\n\r\n", 7);
        CaptureEvent.HandshakeEvent hs = (CaptureEvent.HandshakeEvent) log.get(0);
        assertTrue(hs.findings().stream().anyMatch(f -> f.violation() == Violation.HANDSHAKE_ACCEPT_MISMATCH),
                hs.findings().toString());
        assertTrue(result.isPresent(), "a 101 switches protocols whatever its Accept; the finding says it is wrong");
    }
}
