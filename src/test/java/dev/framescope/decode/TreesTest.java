package dev.framescope.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decoders' counts are grouped without a Formatter per payload, and read as {@code %,d} reads. */
class TreesTest {

    @Test
    void groupedIsWhatTheFormatterWrites() {
        long[] edges = {0, 1, 9, 10, 99, 100, 999, 1_000, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000,
                123_456_789, Long.MAX_VALUE, -1, -1_000, Long.MIN_VALUE};
        for (long n : edges) {
            assertEquals(String.format("%,d", n), Trees.grouped(n), "n = " + n);
        }
        Random random = new Random(15);
        for (int i = 0; i < 10_000; i++) {
            long n = random.nextLong() >>> random.nextInt(64);
            assertEquals(String.format("%,d", n), Trees.grouped(n), "n = " + n);
        }
        assertEquals(String.format("%,d %s%s", 1_234L, "byte", "s"), Trees.plural(1_234, "byte"));
        assertEquals(String.format("%,d %s%s", 1L, "byte", ""), Trees.plural(1, "byte"));
    }

    @Test
    void decimalIsWhatTheFormatterWrites() {
        long[] edges = {0, 7, 64, 1_000, -1, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long n : edges) {
            assertEquals(String.format("%d", n), Trees.decimal(n), "n = " + n);
        }
    }

    @Test
    void protobufsStopForAShortFixedFieldReadsAsBefore() {
        // Field 1, wire type 1 (64-bit), then only 3 bytes: the stop message the formatter used to build.
        Decoded d = new ProtobufRawDecoder().decode(new DecodeInput(new byte[] {0x09, 1, 2, 3}, false,
                java.util.Optional.empty()));
        assertEquals(String.format("%d-bit field needs %d bytes but only %d are left", 64, 8, 3),
                d.failure().orElseThrow().reason());
    }
}
