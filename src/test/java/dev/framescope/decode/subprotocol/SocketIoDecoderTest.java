package dev.framescope.decode.subprotocol;

import static dev.framescope.decode.subprotocol.Samples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import org.junit.jupiter.api.Test;

class SocketIoDecoderTest {

    private final SocketIoDecoder io = new SocketIoDecoder();

    private Decoded ok(String packet) {
        Decoded d = io.decode(text(packet));
        assertTrue(d.complete(), () -> packet + " → " + d.failure());
        return d;
    }

    @Test
    void openPacket() {
        Decoded d = ok(Samples.SOCKET_IO.get(0));
        assertEquals("open", d.tree().get("engineio").asText());
        assertEquals(25000, d.tree().at("/open/pingInterval").asInt());
        assertEquals("engine.io open sid=lv_VI97HAXpY6yYWAAAC ping=25000ms", d.summary().orElseThrow());
    }

    @Test
    void eventWithAckId() {
        Decoded d = ok("423[\"chat\",\"hi\"]");
        JsonNode p = d.tree().get("socketio");
        assertEquals("EVENT", p.get("typeName").asText());
        assertEquals("/", p.get("namespace").asText());
        assertEquals(3, p.get("ackId").asInt());
        assertEquals("chat", p.get("event").asText());
        assertEquals("hi", p.at("/args/0").asText());
        assertEquals("socket.io EVENT \"chat\" ack=3", d.summary().orElseThrow());
    }

    @Test
    void namespaceAckAndBinary() {
        Decoded ns = ok("42/admin,13[\"project:delete\",123]");
        assertEquals("/admin", ns.tree().at("/socketio/namespace").asText());
        assertEquals(13, ns.tree().at("/socketio/ackId").asInt());
        assertEquals("socket.io EVENT \"project:delete\" /admin ack=13", ns.summary().orElseThrow());
        Decoded ack = ok("433[\"ok\"]");
        assertEquals("ACK", ack.tree().at("/socketio/typeName").asText());
        Decoded binary = ok("451-[\"upload\",{\"_placeholder\":true,\"num\":0}]");
        assertEquals(1, binary.tree().at("/socketio/attachments").asInt());
        assertEquals("upload", binary.tree().at("/socketio/event").asText());
        Decoded attachment = io.decode(DecodeInput.of(new byte[] {1, 2, 3}, false));
        assertEquals("socket.io attachment (3 B)", attachment.summary().orElseThrow());
    }

    @Test
    void connectAndConnectError() {
        assertEquals("socket.io CONNECT", ok("40").summary().orElseThrow());
        assertEquals("wZX3oN0bSVIhsaknAAAI", ok("40{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}").tree()
                .at("/socketio/data/sid").asText());
        assertEquals("socket.io CONNECT_ERROR Not authorized",
                ok("44{\"message\":\"Not authorized\"}").summary().orElseThrow());
    }

    @Test
    void engineIoProbes() {
        assertEquals("engine.io ping", ok("2").summary().orElseThrow());
        assertEquals("engine.io pong probe", ok("3probe").summary().orElseThrow());
        assertEquals("engine.io upgrade", ok("5").summary().orElseThrow());
    }

    @Test
    void brokenRulesAreNamed() {
        assertFailure("9", 0, "is not 0-6");
        assertFailure("42[\"chat\"", 9, "invalid JSON");
        assertFailure("42{\"a\":1}", 2, "first element is the event name");
        assertFailure("45-[\"x\"]", 2, "attachment count");
        assertFailure("43[\"x\"]", 2, "has no ack id");
        assertFailure("0{\"nosid\":1}", 1, "no \"sid\"");
        assertFailure("4", 1, "without data");
        assertFailure("421234567890123456789[1]", 2, "digits");
        assertFailure("", 0, "empty message");
    }

    @Test
    void detectionBySocketIoShape() {
        assertEquals(95, io.detect(text("42[\"chat\",\"hello\"]")));
        assertEquals(95, io.detect(text(Samples.SOCKET_IO.get(0))));
        assertEquals(85, io.detect(text("40")));
        assertEquals(60, io.detect(text("2")));
        assertEquals(0, io.detect(text("42")), "a bare number is JSON, not Socket.IO");
        assertEquals(0, io.detect(text("{\"a\":1}")));
        assertEquals(0, io.detect(text("4hello")));
        assertEquals(0, io.detect(DecodeInput.of(new byte[] {4, 1}, false)));
    }

    private void assertFailure(String packet, long offset, String reasonPart) {
        Decoded d = io.decode(text(packet));
        assertTrue(d.failure().isPresent(), packet + " decoded: " + d.tree());
        assertTrue(d.failure().get().reason().contains(reasonPart), packet + " → " + d.failure().get());
        assertEquals(offset, d.failure().get().offset(), packet + " → " + d.failure().get());
    }

    /** The open packet's shape check in front of the parse scores what the parse scores (95 with a "sid", else 0). */
    @Test
    void openPacketsScoreAsTheirParseSays() {
        java.util.Random r = new java.util.Random(4);
        byte[] alphabet = "abcsid0123456789 ,:{}[]\"\t\u00ef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.List<byte[]> packets = new java.util.ArrayList<>(java.util.List.of(
                "0{\"sid\":\"abc\",\"pingInterval\":25000}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "0 {\"sid\":\"a\"} \n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "0{\"sid\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[1 + r.nextInt(20)];
            b[0] = '0';
            for (int k = 1; k < b.length; k++) {
                b[k] = alphabet[r.nextInt(alphabet.length)];
            }
            packets.add(b);
        }
        int recognised = 0;
        for (byte[] b : packets) {
            DecodeInput in = DecodeInput.of(b, true);
            Decoded d = io.decode(in);
            int parsed = d.complete() && d.tree().path("open").has("sid") ? 95 : 0;
            if (b.length > 6 || parsed > 0) {
                assertEquals(parsed, io.detect(in), new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            recognised += parsed > 0 ? 1 : 0;
        }
        assertTrue(recognised >= 2, "real open packets are among them");
    }
}
