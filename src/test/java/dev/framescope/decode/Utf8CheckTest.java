package dev.framescope.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TextDecoder#firstInvalid} reports the offset the JDK's UTF-8 decoder reports, on any bytes. */
class Utf8CheckTest {

    /** The JDK's answer: where its reporting UTF-8 decoder stops with an error, or -1. */
    private static int jdk(byte[] b) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length + 2);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            return in.position();
        }
        return decoder.flush(out).isError() || in.hasRemaining() ? in.position() : -1;
    }

    @Test
    void agreesWithTheJdkDecoder() {
        Random r = new Random(3629);
        byte[] pieces = "aé✓😀".getBytes(StandardCharsets.UTF_8);
        int invalid = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[r.nextInt(12)];
            for (int k = 0; k < b.length; k++) {
                int pick = r.nextInt(4);
                b[k] = pick == 0 ? (byte) r.nextInt(256) : pick == 1 ? (byte) (0x80 + r.nextInt(64))
                        : pick == 2 ? (byte) (0xc0 + r.nextInt(64)) : pieces[r.nextInt(pieces.length)];
            }
            int expected = jdk(b);
            invalid += expected >= 0 ? 1 : 0;
            assertEquals(expected, TextDecoder.firstInvalid(b), HexFormat.of().formatHex(b));
        }
        assertTrue(invalid > 1_000 && invalid < 199_000, "both valid and invalid inputs were tried: " + invalid);
        for (String edge : new String[] {"c0af", "e080af", "eda080", "f4908080", "f08f8080", "f0908080", "ef bfbf",
                "edbfbf", "ee8080", "f48fbfbf", "c2", "e0a0", "f09080", "41e0a041"}) {
            byte[] b = HexFormat.of().parseHex(edge.replace(" ", ""));
            assertEquals(jdk(b), TextDecoder.firstInvalid(b), edge);
        }
    }
}
