package dev.framescope.cli;

import dev.framescope.capture.io.Decimal;
import dev.framescope.capture.text.FrameText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Text lines built in one reused buffer and handed on in large pieces: the table rows of plain frames
 * ({@code dissect}, {@code inspect}) without a {@code String}, a format string or a {@code StringBuilder} per
 * row. The pieces are the same characters {@link FrameText} and {@code String.format} produce for those rows.
 *
 * <p>The buffer holds the characters already encoded, ASCII as one byte each. On the standard output
 * ({@link StdoutWriter}) the bytes go to its stream as they are, in its charset: building rows in a {@code char}
 * buffer and encoding them on the way out was a third of {@code dissect}'s main thread at 16 B. Any other
 * {@link Writer} (a test's, a temporary file's) gets them decoded back into characters.
 */
final class CharLines {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SPACES = "                                ".getBytes(StandardCharsets.US_ASCII);
    private static final int FLUSH_AT = 1 << 16;
    /** Up to here (a bit over 27 hours of seconds) a capture time is formatted by integer arithmetic. */
    private static final long FAST_NANOS = 100_000_000_000_000L;

    /** Where the characters go when there is no byte stream; null when there is. */
    private final Writer chars;
    /** The byte stream the characters go to, encoded, after {@link #shared} is flushed; or null. */
    private final OutputStream bytes;
    private final PrintWriter shared;
    private final Charset charset;
    /** A cut preview's ends, in {@link #charset}. */
    private final byte[] ellipsis;
    private final byte[] spaceEllipsis;
    private byte[] buf = new byte[FLUSH_AT * 2];
    private int fill;
    /** The last string with characters beyond ASCII, and its bytes: the same constant comes back row after row. */
    private String foreign = "";
    private byte[] foreignBytes = new byte[0];
    /** The last time that went through the formatter, and its text. */
    private long formattedNanos;
    private String formatted;

    /** Lines for {@code out}: the standard output's bytes when {@code out} is {@link StdoutWriter}. */
    CharLines(Writer out) {
        if (out instanceof StdoutWriter stdout) {
            chars = null;
            bytes = stdout.stream();
            shared = stdout;
            charset = stdout.charset();
        } else {
            chars = out;
            bytes = null;
            shared = null;
            charset = StandardCharsets.UTF_8;
        }
        ellipsis = "…".getBytes(charset);
        spaceEllipsis = " …".getBytes(charset);
    }

    CharLines append(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return appendForeign(s);
            }
            buf[fill + i] = (byte) c;
        }
        fill += n;
        return this;
    }

    /**
     * Characters given as their bytes: ASCII (a constant encoded once, the same in every charset we write), or
     * encoded in this writer's charset.
     */
    CharLines append(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buf, fill, ascii.length);
        fill += ascii.length;
        return this;
    }

    CharLines append(char c) {
        if (c >= 0x80) {
            return appendForeign(String.valueOf(c));
        }
        ensure(1);
        buf[fill++] = (byte) c;
        return this;
    }

    /** A string with characters beyond ASCII, encoded whole (a cut between two pieces would split a character). */
    private CharLines appendForeign(String s) {
        if (!s.equals(foreign)) {
            foreign = s;
            foreignBytes = s.getBytes(charset);
        }
        ensure(foreignBytes.length);
        System.arraycopy(foreignBytes, 0, buf, fill, foreignBytes.length);
        fill += foreignBytes.length;
        return this;
    }

    /** A number in decimal, a non-negative one without a {@code String} ({@link Decimal}). */
    CharLines append(long n) {
        if (n < 0) {
            return append(Long.toString(n));
        }
        ensure(20);
        fill = Decimal.put(buf, fill, n);
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
            if (n <= SPACES.length) {
                System.arraycopy(SPACES, 0, buf, fill, n);
            } else {
                Arrays.fill(buf, fill, fill + n, (byte) ' ');
            }
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
        buf[fill++] = (byte) ('0' + frac / 100);
        buf[fill++] = (byte) ('0' + frac / 10 % 10);
        buf[fill++] = (byte) ('0' + frac % 10);
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
            return shown < length ? append(spaceEllipsis) : this;
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
                buf[fill++] = (byte) c;
            }
        }
        // Past the shown ASCII characters at least one more follows, whatever its bytes: the preview is cut.
        buf[fill++] = '"';
        return shown < length ? append(ellipsis) : this;
    }

    /** Hands the buffer to the writer once it holds enough to be worth a write. */
    void maybeFlush() {
        if (fill >= FLUSH_AT) {
            flush();
        }
    }

    void flush() {
        try {
            if (bytes != null) {
                shared.flush();
                bytes.write(buf, 0, fill);
            } else {
                chars.write(new String(buf, 0, fill, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fill = 0;
    }

    private void ensure(int more) {
        if (fill + more > buf.length) {
            flush();
            if (more > buf.length) {
                buf = new byte[more];
            }
        }
    }

    static int digits(long n) {
        return Decimal.digits(n);
    }
}
