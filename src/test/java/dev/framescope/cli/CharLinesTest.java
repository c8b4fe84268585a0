package dev.framescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CharLines} writes numbers as {@link Long#toString} and {@code %<width>d} do. */
class CharLinesTest {

    @Test
    void numbersAreTheirDecimalText() {
        List<Long> numbers = new ArrayList<>(List.of(0L, (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
                Long.MAX_VALUE, -1L, Long.MIN_VALUE));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            numbers.addAll(List.of(p - 1, p, p + 1, 2 * p - 1));
        }
        new Random(6455).longs(1000).forEach(n -> numbers.addAll(List.of(n >>> 1, n >>> 33, n >>> 50)));
        StringWriter text = new StringWriter();
        CharLines lines = new CharLines(text);
        StringBuilder expected = new StringBuilder();
        for (long n : numbers) {
            lines.append(n).append(',').padLeft(n, 9).append('\n');
            expected.append(n).append(',').append(String.format("%9d", n)).append('\n');
        }
        lines.flush();
        assertEquals(expected.toString(), text.toString());
    }
}
