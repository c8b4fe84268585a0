package dev.framescope.engine.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.Finding;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What our close frame says when we fail a connection (RFC 6455 §7.1.7, §7.4.1, §5.5). */
class CloseReasonsTest {

    @Test
    void invalidUtf8NamesTheRuleAndWhereInTheMessage() {
        Finding f = Finding.at(Violation.INVALID_UTF8, 40, "byte 20 of the message");
        assertEquals("invalid UTF-8 in text message at byte 20 of the message", CloseReasons.reasonFor(f));
        assertEquals(1007, CloseReasons.codeFor(Violation.INVALID_UTF8));
    }

    @Test
    void eachRuleGetsTheCodeItNames() {
        assertEquals(1002, CloseReasons.codeFor(Violation.RESERVED_BITS));
        assertEquals(1002, CloseReasons.codeFor(Violation.MASKED_SERVER_FRAME));
        assertEquals(1007, CloseReasons.codeFor(Violation.INVALID_CLOSE_REASON_UTF8));
        assertEquals(1007, CloseReasons.codeFor(Violation.DEFLATE_ERROR));
        assertEquals(1009, CloseReasons.codeFor(Violation.INFLATE_LIMIT_EXCEEDED));
    }

    @Test
    void aBadRsvBitIsSaidInWordsNotAsJavaWebSocketSaidIt() {
        String reason = CloseReasons.reasonFor(Finding.at(Violation.RESERVED_BITS, 0,
                "set without a negotiated extension: RSV2"));
        assertEquals("reserved bits set: set without a negotiated extension: RSV2", reason);
        assertFalse(reason.contains("RSV1: false"));
    }

    @Test
    void noJavaClassNameReachesTheWire() {
        String reason = CloseReasons.reasonFor(Finding.at(Violation.DEFLATE_ERROR, 0,
                "java.util.zip.DataFormatException: invalid stored block lengths"));
        assertEquals("compressed message does not inflate", reason);
        for (Violation v : Violation.values()) {
            String r = CloseReasons.reasonFor(Finding.at(v, 0, ""));
            assertFalse(r.isEmpty(), v.id());
            assertFalse(r.contains("Exception") || r.contains("java.") || r.contains(v.id()), r);
            assertTrue(r.getBytes(StandardCharsets.UTF_8).length <= CloseReasons.MAX_REASON_BYTES, r);
        }
    }

    @Test
    void aRefusedUpgradeKeepsAHeaderNameAsItIsSpelled() {
        assertEquals("refused the server's 101: Sec-WebSocket-Accept is not "
                + "base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)). (expected x, received y) "
                + "[HANDSHAKE_ACCEPT_MISMATCH, RFC6455-4.1]", CloseReasons.refusal(Finding.at(
                        Violation.HANDSHAKE_ACCEPT_MISMATCH, 0, "expected x, received y")));
        assertTrue(CloseReasons.refusal(Finding.at(Violation.HANDSHAKE_UPGRADE_HEADER, 0, ""))
                .startsWith("refused the server's 101: the response's Upgrade header"));
        assertEquals("Sec-WebSocket-Extensions does not follow the grammar of §9.1",
                CloseReasons.reasonFor(Finding.at(Violation.EXTENSION_HEADER_MALFORMED, 0, "")));
    }

    @Test
    void aLongReasonIsCutTo123BytesAtACharacterBoundary() {
        String detail = "é".repeat(100);
        String reason = CloseReasons.reasonFor(Finding.at(Violation.RESERVED_OPCODE, 0, detail));
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        assertTrue(utf8.length <= 123, utf8.length + " bytes");
        assertTrue(utf8.length >= 122, "cut no shorter than needed: " + utf8.length);
        assertEquals(reason, new String(utf8, StandardCharsets.UTF_8), "no half character at the end");
        assertTrue(reason.endsWith("é"));
        String fourByte = "😀".repeat(40);
        String cut = CloseReasons.fit(fourByte);
        assertEquals(120, cut.getBytes(StandardCharsets.UTF_8).length, "30 whole emoji, not 30¾");
        assertEquals("short", CloseReasons.fit("short"));
    }
}
