package dev.framescope.cli;

import dev.framescope.capture.text.FrameText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Text lines built in one reused character buffer and handed to a {@link Writer} in large pieces: the table rows
 * of plain frames ({@code dissect}, {@code inspect}) without a {@code String}, a format string or a
 * {@code StringBuilder} per row. The pieces are the same characters {@link FrameText} and
 * {@code String.format} produce for those rows.
 */
final class CharLines {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The tens and the ones digit of 0 to 99. */
    private static final char[] TENS = new char[100];
    private static final char[] ONES = new char[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (char) ('0' + i / 10);
            ONES[i] = (char) ('0' + i % 10);
        }
    }
    private static final int FLUSH_AT = 1 << 16;
    /** Up to here (a bit over 27 hours of seconds) a capture time is formatted by integer arithmetic. */
    private static final long FAST_NANOS = 100_000_000_000_000L;

    private final Writer out;
    private char[] buf = new char[FLUSH_AT * 2];
    private int fill;
    /** The last time that went through the formatter, and its text. */
    private long formattedNanos;
    private String formatted;

    CharLines(Writer out) {
        this.out = out;
    }

    CharLines append(String s) {
        ensure(s.length());
        s.getChars(0, s.length(), buf, fill);
        fill += s.length();
        return this;
    }

    CharLines append(char c) {
        ensure(1);
        buf[fill++] = c;
        return this;
    }

    /**
     * A non-negative number in decimal, without a {@code String}: two digits per division, in {@code int}
     * arithmetic once the number fits (a long division per digit was a fifth of {@code dissect}'s main thread).
     */
    CharLines append(long n) {
        if (n < 0) {
            return append(Long.toString(n));
        }
        ensure(20);
        int i = fill + digits(n);
        fill = i;
        while (n > Integer.MAX_VALUE) {
            buf[--i] = (char) ('0' + n % 10);
            n /= 10;
        }
        int m = (int) n;
        while (m >= 100) {
            int q = m / 100;
            int r = m - q * 100;
            buf[--i] = ONES[r];
            buf[--i] = TENS[r];
            m = q;
        }
        if (m >= 10) {
            buf[--i] = ONES[m];
            buf[--i] = TENS[m];
        } else {
            buf[--i] = (char) ('0' + m);
        }
        return this;
    }

    /** {@code n} right-aligned in {@code width} characters, as {@code %<width>d} would print it. */
    CharLines padLeft(long n, int width) {
        spaces(width - (n < 0 ? Long.toString(n).length() : digits(n)));
        return append(n);
    }

    /** {@code s} then spaces up to {@code width}, as {@code %-<width>s} prints it. */
    CharLines padRight(String s, int width) {
        return append(s).spaces(width - s.length());
    }

    CharLines spaces(int n) {
        if (n > 0) {
            ensure(n);
            Arrays.fill(buf, fill, fill + n, ' ');
            fill += n;
        }
        return this;
    }

    /** The width of {@code "<length> (<bits>)"}, {@link FrameText#length}'s text. */
    static int lengthCellWidth(long length, int bits) {
        return digits(length) + digits(bits) + 3;
    }

    CharLines lengthCell(long length, int bits) {
        return append(length).append(" (").append(bits).append(')');
    }

    /**
     * {@code String.format(Locale.ROOT, "%9.3f", nanos / 1e9)}: seconds with three decimals, right-aligned in nine
     * characters. For 0 ≤ nanos < 10^14 the double's shortest decimal is {@code nanos / 10^9} itself and the
     * formatter rounds it half up, which integer arithmetic does exactly; the exact half (…500000 ns) and
     * anything outside that range go through the formatter.
     */
    CharLines seconds(long nanos) {
        if (nanos < 0 || nanos >= FAST_NANOS || nanos % 1_000_000 == 500_000) {
            // Frames read together share their time: one formatter call for the run, not one per frame.
            if (nanos != formattedNanos || formatted == null) {
                formatted = String.format(Locale.ROOT, "%9.3f", nanos / 1e9);
                formattedNanos = nanos;
            }
            return append(formatted);
        }
        long millis = (nanos + 500_000) / 1_000_000;
        long whole = millis / 1000;
        int frac = (int) (millis % 1000);
        spaces(9 - 4 - digits(whole));
        append(whole).append('.');
        ensure(3);
        buf[fill++] = (char) ('0' + frac / 100);
        buf[fill++] = (char) ('0' + frac / 10 % 10);
        buf[fill++] = (char) ('0' + frac % 10);
        return this;
    }

    /**
     * {@link FrameText#preview} of a whole payload ({@code payload.length == totalLength}) built in place when the
     * bytes allow it: BINARY (the first bytes in hex) or TEXT whose shown characters are all ASCII; else the
     * general way, on a copy.
     */
    CharLines preview(byte[] array, int from, int length, boolean text) {
        if (length == 0) {
            return this;
        }
        int shown = Math.min(length, text ? FrameText.PREVIEW_CHARS : FrameText.PREVIEW_CHARS / 3);
        ensure(shown * 6 + 4);
        if (!text) {
            for (int i = from; i < from + shown; i++) {
                if (i > from) {
                    buf[fill++] = ' ';
                }
                buf[fill++] = HEX[(array[i] >> 4) & 0xF];
                buf[fill++] = HEX[array[i] & 0xF];
            }
            return shown < length ? append(" …") : this;
        }
        int mark = fill;
        buf[fill++] = '"';
        for (int i = from; i < from + shown; i++) {
            int c = array[i];
            if (c < 0) {
                fill = mark;
                return append(FrameText.preview(Arrays.copyOfRange(array, from, from + length), true, length));
            }
            if (c == '\n') {
                buf[fill++] = '\\';
                buf[fill++] = 'n';
            } else if (c == '"') {
                buf[fill++] = '\\';
                buf[fill++] = '"';
            } else if (c < 0x20 || c == 0x7F) {
                buf[fill++] = '\\';
                buf[fill++] = 'u';
                buf[fill++] = '0';
                buf[fill++] = '0';
                buf[fill++] = HEX[c >> 4];
                buf[fill++] = HEX[c & 0xF];
            } else {
                buf[fill++] = (char) c;
            }
        }
        // Past the shown ASCII characters at least one more follows, whatever its bytes: the preview is cut.
        buf[fill++] = '"';
        return shown < length ? append('…') : this;
    }

    /** Hands the buffer to the writer once it holds enough to be worth a write. */
    void maybeFlush() {
        if (fill >= FLUSH_AT) {
            flush();
        }
    }

    void flush() {
        try {
            out.write(buf, 0, fill);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fill = 0;
    }

    private void ensure(int more) {
        if (fill + more > buf.length) {
            flush();
            if (more > buf.length) {
                buf = new char[more];
            }
        }
    }

    static int digits(long n) {
        int d = 1;
        for (long p = 10; d < 19 && n >= p; p *= 10) {
            d++;
        }
        return d;
    }
}
