package dev.framescope.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    static final String REQUEST = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";

    static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n";

    private static HandshakeRequest request(String text) {
        return HttpHeadParser.parseRequest(text.getBytes(StandardCharsets.ISO_8859_1)).orElseThrow();
    }

    private static HandshakeResult check(String response) {
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        return HandshakeChecker.check(request(REQUEST), HttpHeadParser.parseResponse(bytes).orElseThrow());
    }

    private static List<Violation> ids(HandshakeResult r) {
        return r.findings().stream().map(Finding::violation).toList();
    }

    @Test
    void rfc6455_1_3_acceptExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void aValidUpgradePasses() {
        HandshakeResult r = check(RESPONSE);
        assertTrue(r.acceptOk());
        assertEquals(Optional.of("chat"), r.subprotocol());
        assertEquals(List.of(), r.findings());
        HandshakeRequest req = request(REQUEST);
        assertEquals("/chat", req.target());
        assertEquals(8, req.headers().entries().size());
        assertEquals("Host", req.headers().entries().get(0).name());
    }

    @Test
    void a401IsKeptWholeWithItsBody() {
        String text = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Length: 13\r\n\r\nno token, no!";
        HandshakeResponse response = HttpHeadParser.parseResponse(text.getBytes(StandardCharsets.ISO_8859_1))
                .orElseThrow();
        assertEquals(401, response.status());
        assertEquals("Unauthorized", response.reason());
        assertEquals("no token, no!", new String(response.body(), StandardCharsets.ISO_8859_1));
        assertEquals(List.of(Violation.HANDSHAKE_STATUS), ids(check(text)));
    }

    @Test
    void redirectsAndPlainOkAreStatusViolations() {
        assertEquals(List.of(Violation.HANDSHAKE_STATUS), ids(check("HTTP/1.1 302 Found\r\nLocation: /x\r\n\r\n")));
        assertEquals(List.of(Violation.HANDSHAKE_STATUS), ids(check("HTTP/1.1 200 OK\r\n\r\nhello")));
    }

    @Test
    void wrongAcceptMissingUpgradeAndConnection() {
        String bad = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n"
                + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n";
        HandshakeResult r = check(bad);
        assertFalse(r.acceptOk());
        assertEquals(List.of(Violation.HANDSHAKE_UPGRADE_HEADER, Violation.HANDSHAKE_CONNECTION_HEADER,
                Violation.HANDSHAKE_ACCEPT_MISMATCH), ids(r));
        assertTrue(r.findings().get(2).detail().contains("expected s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    @Test
    void subprotocolAndExtensionMustHaveBeenOffered() {
        String r = RESPONSE.replace("Protocol: chat", "Protocol: mqtt")
                .replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: x-webkit-deflate-frame\r\n\r\n");
        assertEquals(List.of(Violation.HANDSHAKE_SUBPROTOCOL_NOT_OFFERED, Violation.HANDSHAKE_EXTENSION_NOT_OFFERED),
                ids(check(r)));
    }

    @Test
    void deflateResponseIsCheckedAgainstTheOffer() {
        String ok = RESPONSE.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10; server_no_context_takeover\r\n\r\n");
        HandshakeResult r = check(ok);
        assertEquals(List.of(), r.findings());
        NegotiatedDeflate d = r.deflate().orElseThrow();
        assertEquals(new NegotiatedDeflate.Direction(15, false), d.serverToClient());
        assertEquals(new NegotiatedDeflate.Direction(10, true), d.clientToServer());
        assertTrue(d.effects().get(0).startsWith("server_no_context_takeover"));
    }

    @Test
    void aRequestLackingItsFieldsIsFlagged() {
        HandshakeRequest bare = request("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        HandshakeResponse resp = HttpHeadParser.parseResponse(RESPONSE.getBytes(StandardCharsets.ISO_8859_1))
                .orElseThrow();
        assertTrue(ids(HandshakeChecker.check(bare, resp)).contains(Violation.HANDSHAKE_REQUEST_INVALID));
    }

    @Test
    void theIncrementalParserFindsTheHeadAtEverySplit() {
        byte[] stream = (RESPONSE + "\u0081\u0002hi").getBytes(StandardCharsets.ISO_8859_1);
        int headLength = RESPONSE.length();
        for (int cut = 1; cut < stream.length; cut++) {
            HttpHeadParser parser = new HttpHeadParser();
            Optional<HttpHead> first = parser.feed(stream, 0, cut);
            Optional<HttpHead> head = first.isPresent() ? first : parser.feed(stream, cut, stream.length - cut);
            assertEquals(headLength, head.orElseThrow().headLength(), "cut at " + cut);
            assertEquals(4, head.get().headers().entries().size());
        }
    }

    @Test
    void garbageIsAMalformedHandshakeNotAnException() {
        HttpHead head = HttpHeadParser.parse("\u0000\u0001garbage\r\nno colon here\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(2, head.findings().size());
        assertTrue(head.findings().stream().allMatch(f -> f.violation() == Violation.HANDSHAKE_MALFORMED));
        assertEquals(Optional.empty(), head.asResponse(new byte[0]));
        HttpHead unfinished = HttpHeadParser.parse("HTTP/1.1 101 OK\r\nUpgrade: web".getBytes(StandardCharsets.ISO_8859_1));
        assertFalse(unfinished.complete());
        assertEquals(Violation.HANDSHAKE_MALFORMED, unfinished.findings().get(0).violation());
    }
}
