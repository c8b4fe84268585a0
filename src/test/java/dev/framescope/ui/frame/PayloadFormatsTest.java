package dev.framescope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadFormatsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void masksHelloLikeRfc6455Section57() {
        byte[] masked = PayloadFormats.mask("Hello".getBytes(StandardCharsets.US_ASCII), 0x37fa213d, 0);
        assertEquals("7f9f4d5158", HEX.formatHex(masked));
        assertArrayEquals("Hello".getBytes(StandardCharsets.US_ASCII), PayloadFormats.mask(masked, 0x37fa213d, 0));
    }

    @Test
    void aChunkStartingMidFrameUsesTheShiftedKeyByte() {
        byte[] whole = PayloadFormats.mask("Hello".getBytes(StandardCharsets.US_ASCII), 0x37fa213d, 0);
        byte[] tail = PayloadFormats.mask("llo".getBytes(StandardCharsets.US_ASCII), 0x37fa213d, 2);
        assertEquals("4d5158", HEX.formatHex(tail));
        assertEquals(HEX.formatHex(whole).substring(4), HEX.formatHex(tail));
    }

    @Test
    void prettyPrintsValidJsonOnly() {
        assertEquals(Optional.of("{\n  \"a\" : [ 1, 2 ]\n}").map(s -> s.replace("\n", System.lineSeparator())),
                PayloadFormats.prettyJson("{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(PayloadFormats.prettyJson("Hello".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(PayloadFormats.prettyJson("{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(PayloadFormats.prettyJson(new byte[0]).isEmpty());
    }

    @Test
    void textReplacesMalformedUtf8InsteadOfFailing() {
        assertEquals("a\uFFFDb", PayloadFormats.text(HEX.parseHex("61c062")));
    }

    @Test
    void base64AndSizes() {
        assertEquals("SGVsbG8=", PayloadFormats.base64("Hello".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("5 B", PayloadFormats.size(5));
        assertEquals("1,023 B", PayloadFormats.size(1023));
        assertEquals("1.5 KiB", PayloadFormats.size(1536));
        assertEquals("2.0 MiB", PayloadFormats.size(2 * 1024 * 1024));
    }
}
