package dev.framescope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.text.FrameText;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameJsonTest {

    /** RFC 6455 §5.2: a 64-bit length of 0x8000000000000005 (LENGTH_MSB_SET) declares 2^63 + 5 bytes. */
    private static FrameHeader msbSetHeader() {
        List<Dissected> items = new StreamDissector(Sender.SERVER).feed(HexFormat.of().parseHex("827f8000000000000005"));
        return ((Dissected.FrameItem) items.get(0)).frame().header();
    }

    @Test
    void aLengthWithItsTopBitSetIsWrittenUnsignedAndReadBackBitForBit() throws Exception {
        FrameHeader h = msbSetHeader();
        assertTrue(h.lengthMsbSet());
        assertEquals("9223372036854775813", h.payloadLengthText());

        ObjectNode node = FrameJson.toJson((Dissected.FrameItem) new StreamDissector(Sender.SERVER)
                .feed(HexFormat.of().parseHex("827f8000000000000005")).get(0));
        String line = node.toString();
        assertTrue(line.contains("\"payloadLength\":9223372036854775813"), line);
        JsonNode read = new ObjectMapper().readTree(line);
        assertEquals(h, FrameJson.header(read), "the session reader gets the same header back");
    }

    @Test
    void aLegalLengthIsAPlainNumber() throws Exception {
        ObjectNode node = FrameJson.toJson((Dissected.FrameItem) new StreamDissector(Sender.SERVER)
                .feed(HexFormat.of().parseHex("810548656c6c6f")).get(0));
        assertTrue(node.toString().contains("\"payloadLength\":5,"), node.toString());
        assertEquals(5, FrameJson.header(new ObjectMapper().readTree(node.toString())).payloadLength());
    }

    @Test
    void theTableAndTimelineLengthColumnIsNeverNegative() {
        assertEquals("9223372036854775813 (64)", FrameText.length(msbSetHeader()));
    }
}
