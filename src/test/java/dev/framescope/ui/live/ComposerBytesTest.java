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
        assertEquals("{\"a\":[1,2],\"b\":\"x\"}", new String(ComposerBytes.bytes(ComposerView.Mode.JSON,
                "{ \"a\" : [1, 2],\n \"b\": \"x\" }"), StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComposerBytes.bytes(ComposerView.Mode.JSON, "{\"a\": }"));
        assertTrue(e.getMessage().startsWith("not JSON:") && e.getMessage().contains("column 7"), e.getMessage());
    }

    @Test
    void hexAcceptsSpacesAndPrefixesAndRefusesOddDigits() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0x05}, ComposerBytes.bytes(ComposerView.Mode.HEX, "0x81 05"));
        assertThrows(IllegalArgumentException.class, () -> ComposerBytes.bytes(ComposerView.Mode.HEX, "810"));
        assertThrows(IllegalArgumentException.class, () -> ComposerBytes.bytes(ComposerView.Mode.HEX, "zz"));
    }

    @Test
    void base64AcceptsLineBreaksAndTheUrlAlphabetAndNamesWhatIsWrong() {
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff, 0x01}, ComposerBytes.bytes(ComposerView.Mode.BASE64,
                "+/8B"));
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff, 0x01}, ComposerBytes.bytes(ComposerView.Mode.BASE64,
                "-_8\nB"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComposerBytes.bytes(ComposerView.Mode.BASE64, "ab$d"));
        assertTrue(e.getMessage().startsWith("not base64:"), e.getMessage());
    }

    @Test
    void aFileIsSentByteForByteAndAMissingOneIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        byte[] content = {0, 1, 2, (byte) 0xff};
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("frame.bin"), content);
        assertArrayEquals(content, ComposerBytes.bytes(ComposerView.Mode.FILE, file.toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComposerBytes.bytes(ComposerView.Mode.FILE, dir.resolve("missing.bin").toString()));
        assertTrue(e.getMessage().startsWith("cannot read '") && e.getMessage().contains("missing.bin"),
                e.getMessage());
    }

    @Test
    void textIsSentAsTyped() {
        assertArrayEquals("{ not json".getBytes(StandardCharsets.UTF_8),
                ComposerBytes.bytes(ComposerView.Mode.TEXT, "{ not json"));
    }
}
