package dev.framescope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A fragment that splits a UTF-8 character (RFC 6455 §5.4 allows it) still reads as text, edges dropped. */
class Utf8EdgesTest {

    private static final byte[] WORD = "grüße €".getBytes(StandardCharsets.UTF_8);

    @Test
    void aCharacterCutAtEitherEndIsDropped() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        // "grüße €" split inside the euro sign: the first fragment ends with 2 of its 3 bytes.
        byte[] first = Arrays.copyOf(WORD, WORD.length - 1);
        assertEquals("grüße ", new String(Utf8Edges.trim(first), StandardCharsets.UTF_8));
        byte[] second = Arrays.copyOfRange(WORD, WORD.length - 1, WORD.length);
        assertArrayEquals(new byte[0], Utf8Edges.trim(second), "a lone continuation byte");
        byte[] next = ("x" + "ok").getBytes(StandardCharsets.UTF_8);
        next[0] = euro[2];
        assertEquals("ok", new String(Utf8Edges.trim(next), StandardCharsets.UTF_8));
        assertArrayEquals(WORD, Utf8Edges.trim(WORD), "whole text is untouched");
    }
}
