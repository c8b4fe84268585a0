package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link Decimal} writes what {@link Long#toString} writes, at every length and around every power of ten. */
class DecimalTest {

    @Test
    void digitsAreLongToString() {
        LongStream around = LongStream.iterate(1, p -> p > 0 && p <= Long.MAX_VALUE / 10, p -> p * 10)
                .flatMap(p -> LongStream.of(p - 1, p, p + 1, 2 * p - 1, 99 * p));
        LongStream edges = LongStream.of(0, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE);
        LongStream random = new Random(6455).longs(3000).map(n -> n >>> (n & 63));
        LongStream.concat(LongStream.concat(around, edges), random).filter(n -> n >= 0).forEach(n -> {
            byte[] buf = new byte[25];
            int end = Decimal.put(buf, 3, n);
            assertEquals(Long.toString(n), new String(buf, 3, end - 3, StandardCharsets.US_ASCII));
            assertEquals(Long.toString(n).length(), Decimal.digits(n));
        });
    }
}
