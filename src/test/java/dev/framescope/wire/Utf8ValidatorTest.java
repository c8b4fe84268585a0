package dev.framescope.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    @Test
    void acceptsMultilingualTextSplitAtEveryByte() {
        byte[] text = "Grüße, κόσμε, 世界, 🎉".getBytes(StandardCharsets.UTF_8);
        Utf8Validator v = new Utf8Validator();
        for (byte b : text) {
            assertTrue(v.feed(new byte[] {b}));
        }
        assertTrue(v.isCompleteAndValid());
        assertEquals(text.length, v.bytesSeen());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c0af",         // overlong '/'
        "e080af",       // overlong 3-byte
        "f08080af",     // overlong 4-byte
        "eda080",       // UTF-16 surrogate U+D800
        "f4908080",     // above U+10FFFF
        "ff",           // never valid
        "80",           // lone continuation byte
        "cebae1bdb9cf83cebcceb5eda080656469746564" // Autobahn 6.4.x style: valid prefix then surrogate
    })
    void rejectsInvalidSequences(String hex) {
        assertFalse(Utf8Validator.isValid(HexFormat.of().parseHex(hex)));
    }

    @Test
    void reportsPositionOfFirstBadByte() {
        Utf8Validator v = new Utf8Validator();
        assertTrue(v.feed("abc".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(v.feed(HexFormat.of().parseHex("41ff42")));
        assertEquals(4, v.errorPosition());
    }

    @Test
    void unfinishedCodePointIsNotComplete() {
        Utf8Validator v = new Utf8Validator();
        assertTrue(v.feed(HexFormat.of().parseHex("e282")));
        assertFalse(v.isCompleteAndValid());
        assertTrue(v.feed(HexFormat.of().parseHex("ac")));
        assertTrue(v.isCompleteAndValid());
    }
}
