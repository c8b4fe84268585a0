package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ComposerBytesTest {

    @Test
    void jsonIsValidatedAndSentCompact() {
        assertEquals("{\"a\":[1,2],\"b\":\"x\"}", new String(ComposerView.bytes(ComposerView.Mode.JSON,
                "{ \"a\" : [1, 2],\n \"b\": \"x\" }"), StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComposerView.bytes(ComposerView.Mode.JSON, "{\"a\": }"));
        assertTrue(e.getMessage().startsWith("not JSON:") && e.getMessage().contains("column 7"), e.getMessage());
    }

    @Test
    void hexAcceptsSpacesAndPrefixesAndRefusesOddDigits() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0x05}, ComposerView.bytes(ComposerView.Mode.HEX, "0x81 05"));
        assertThrows(IllegalArgumentException.class, () -> ComposerView.bytes(ComposerView.Mode.HEX, "810"));
        assertThrows(IllegalArgumentException.class, () -> ComposerView.bytes(ComposerView.Mode.HEX, "zz"));
    }

    @Test
    void textIsSentAsTyped() {
        assertArrayEquals("{ not json".getBytes(StandardCharsets.UTF_8),
                ComposerView.bytes(ComposerView.Mode.TEXT, "{ not json"));
    }
}
