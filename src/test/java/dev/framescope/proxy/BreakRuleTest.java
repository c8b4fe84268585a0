package dev.framescope.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.wire.Opcode;
import dev.framescope.wire.Sender;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule syntax: each part parsed, matched, and a broken part named. */
class BreakRuleTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theIssuesExampleMatchesAnOrderOnTheChatPathFromTheServer() {
        BreakRule r = BreakRule.parse("in:/ws/chat:text:/\"type\":\"order\"/");
        assertEquals(Optional.of(Sender.SERVER), r.sender());
        assertEquals("/ws/chat", r.urlGlob());
        assertEquals(BreakRule.Kind.TEXT, r.kind());
        assertTrue(r.mayHold(Sender.SERVER, "ws://h:80/ws/chat", Opcode.TEXT));
        assertFalse(r.mayHold(Sender.CLIENT, "ws://h:80/ws/chat", Opcode.TEXT), "the other direction");
        assertFalse(r.mayHold(Sender.SERVER, "ws://h:80/ws/chat2", Opcode.TEXT), "another path");
        assertFalse(r.mayHold(Sender.SERVER, "ws://h:80/ws/chat", Opcode.BINARY), "another kind");
        assertTrue(r.payloadMatches(Opcode.TEXT, utf8("{\"type\":\"order\",\"id\":1}")));
        assertFalse(r.payloadMatches(Opcode.TEXT, utf8("{\"type\":\"quote\"}")));
    }

    @Test
    void globsMatchThePathOrTheWholeUrlAndAColonInTheGlobIsFine() {
        BreakRule path = BreakRule.parse("out:/api/*:data");
        assertTrue(path.mayHold(Sender.CLIENT, "wss://example.test/api/v1?x=1", Opcode.BINARY));
        assertFalse(path.mayHold(Sender.CLIENT, "wss://example.test/other", Opcode.TEXT));
        BreakRule url = BreakRule.parse("any:ws://127.0.0.1:90??/*:any");
        assertEquals("ws://127.0.0.1:90??/*", url.urlGlob());
        assertTrue(url.mayHold(Sender.SERVER, "ws://127.0.0.1:9000/x", Opcode.PING));
        assertFalse(url.mayHold(Sender.SERVER, "ws://127.0.0.2:9000/x", Opcode.TEXT));
        assertTrue(BreakRule.parse("out::text").mayHold(Sender.CLIENT, "ws://a/b", Opcode.TEXT), "empty glob: all");
    }

    @Test
    void controlFramesAreHeldOnlyByARuleThatNamesThem() {
        assertFalse(BreakRule.parse("any:*:data").mayHold(Sender.CLIENT, "ws://a/", Opcode.PING));
        assertTrue(BreakRule.parse("any:*:ping").mayHold(Sender.CLIENT, "ws://a/", Opcode.PING));
        assertTrue(BreakRule.parse("any:*:control").mayHold(Sender.CLIENT, "ws://a/", Opcode.CLOSE));
        assertFalse(BreakRule.parse("any:*:control").mayHold(Sender.CLIENT, "ws://a/", Opcode.TEXT));
    }

    @Test
    void binaryPayloadsAreMatchedByteForByteAndITurnsOffCase() {
        assertTrue(BreakRule.parse("out:*:binary:/\\x00\\xff/").payloadMatches(Opcode.BINARY, new byte[] {7, 0,
                (byte) 0xff}));
        assertTrue(BreakRule.parse("out:*:text:/ORDER/i").payloadMatches(Opcode.TEXT, utf8("an order")));
        assertFalse(BreakRule.parse("out:*:text:/ORDER/").payloadMatches(Opcode.TEXT, utf8("an order")));
        assertTrue(BreakRule.parse("out:*:text:/a:/b/").payloadMatches(Opcode.TEXT, utf8("xa:/by")),
                "a regex may hold ':/'");
    }

    @Test
    void eachBrokenPartIsNamed() {
        assertEquals("breakpoint 'up:*:text': the direction 'up' is not out, in or any",
                assertThrows(IllegalArgumentException.class, () -> BreakRule.parse("up:*:text")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BreakRule.parse("in:*:texts")).getMessage()
                .contains("no message kind after the URL glob (found 'texts'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BreakRule.parse("in:*:text:/[/"))
                .getMessage().contains("the payload regex '/[/' is not a valid regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BreakRule.parse("in:*:text:/open"))
                .getMessage().contains("must be written /REGEX/"));
    }
}
