package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The escape table agrees with Jackson, character by character, for all of ASCII. */
class JsonEscapesTest {

    @Test
    void everyAsciiCharacterIsWrittenAsJacksonWritesIt() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        for (int c = 0; c < 0x80; c++) {
            String expected = jackson.writeValueAsString(String.valueOf((char) c));
            String escape = JsonEscapes.of(c);
            assertEquals(expected, "\"" + (escape == null ? String.valueOf((char) c) : escape) + "\"",
                    "character 0x" + Integer.toHexString(c));
        }
    }
}
