package dev.framescope.decode.subprotocol;

import static dev.framescope.decode.subprotocol.Samples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.decode.Decoded;
import org.junit.jupiter.api.Test;

class StompDecoderTest {

    private final StompDecoder stomp = new StompDecoder();

    private Decoded ok(String frame) {
        Decoded d = stomp.decode(text(frame));
        assertTrue(d.complete(), () -> frame + " → " + d.failure());
        return d;
    }

    @Test
    void sendWithContentLength() {
        Decoded d = ok(Samples.STOMP.get(2));
        JsonNode t = d.tree();
        assertEquals("SEND", t.get("command").asText());
        assertEquals("destination", t.at("/headers/0/name").asText());
        assertEquals("/queue/a", t.at("/headers/0/value").asText());
        assertEquals("content-length", t.at("/headers/2/name").asText(), "headers keep their order");
        assertEquals("hello world!", t.get("body").asText());
        assertEquals("STOMP SEND /queue/a (12 B)", d.summary().orElseThrow());
    }

    @Test
    void connectedAndReceipt() {
        assertEquals("STOMP CONNECTED version=1.2", ok(Samples.STOMP.get(1)).summary().orElseThrow());
        assertEquals("STOMP RECEIPT receipt-id=r-1", ok(Samples.STOMP.get(4)).summary().orElseThrow());
        assertEquals("STOMP CONNECT host=demo", ok(Samples.STOMP.get(0)).summary().orElseThrow());
    }

    @Test
    void crlfLinesAndEscapedHeaderValues() {
        assertEquals("/queue/a", ok(Samples.STOMP.get(3)).tree().at("/headers/1/value").asText());
        Decoded message = ok(Samples.STOMP.get(5));
        assertEquals("/topic/a:b\\c\nd", message.tree().at("/headers/2/value").asText());
        assertEquals("STOMP MESSAGE /topic/a:b\\c d (2 B)", message.summary().orElseThrow());
    }

    @Test
    void contentLengthAllowsNulInTheBody() {
        JsonNode t = ok(Samples.STOMP.get(6)).tree();
        assertEquals(3, t.get("bodyLength").asInt());
        assertEquals("a\0b", t.get("body").asText());
    }

    @Test
    void twoFramesAndHeartbeats() {
        Decoded two = ok(Samples.STOMP.get(8));
        assertEquals(2, two.tree().get("frames").size());
        assertEquals("STOMP RECEIPT receipt-id=1 +1 more", two.summary().orElseThrow());
        assertEquals("STOMP heart-beat", ok("\n").summary().orElseThrow());
        assertEquals("STOMP heart-beat", ok("\r\n").summary().orElseThrow());
    }

    @Test
    void repeatedHeadersAreAllKept() {
        JsonNode t = ok("MESSAGE\nfoo:World\nfoo:Hello\n\n\0").tree();
        assertEquals(2, t.get("headers").size());
        assertEquals("Hello", t.at("/headers/1/value").asText());
    }

    @Test
    void brokenRulesAreNamed() {
        assertFailure("SEND\ndestination:/q\n\nno nul", 27, "no NUL terminator");
        assertFailure("SEND\ndestination:/q\ncontent-length:99\n\nabc\0", 43, "content-length 99 exceeds the 4 bytes");
        assertFailure("SEND\ncontent-length:2\n\nabc\0", 25, "is not NUL");
        assertFailure("SEND\ncontent-length:x\n\nabc\0", 20, "not a decimal octet count");
        assertFailure("SEND\ndest\\tination:/q\n\n\0", 5, "undefined escape \\t");
        assertFailure("SEND\nno colon here\n\n\0", 5, "without ':'");
        assertFailure("HELLO\n\n\0", 0, "unknown command");
        assertFailure("SEND\ndestination:/q\n", 20, "no blank line");
        assertFailure("", 0, "empty message");
    }

    @Test
    void connectHeadersAreNotUnescaped() {
        assertEquals("a\\tb", ok("CONNECT\nlogin:a\\tb\n\n\0").tree().at("/headers/0/value").asText());
    }

    @Test
    void detection() {
        assertEquals(100, stomp.detect(text("anything", "v12.stomp")));
        assertEquals(100, stomp.detect(text("anything", "v11.stomp")));
        assertEquals(90, stomp.detect(text(Samples.STOMP.get(2))));
        assertEquals(40, stomp.detect(text("SEND\ndestination:/q\n\n")));
        assertEquals(0, stomp.detect(text("{\"SEND\":1}")));
        assertEquals(0, stomp.detect(text("SENDING\n\n\0")));
    }

    private void assertFailure(String frame, long offset, String reasonPart) {
        Decoded d = stomp.decode(text(frame));
        assertTrue(d.failure().isPresent(), frame + " decoded: " + d.tree());
        assertTrue(d.failure().get().reason().contains(reasonPart), frame + " → " + d.failure().get());
        assertTrue(d.failure().get().reason().contains("STOMP 1.2"), "names the rule: " + d.failure().get());
        assertEquals(offset, d.failure().get().offset(), frame + " → " + d.failure().get());
    }
}
