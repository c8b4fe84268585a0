package dev.framescope.capture.io;

/**
 * How a character is escaped inside a JSON string, exactly as Jackson writes it (RFC 8259 §7): quote and backslash
 * after a backslash, the controls with a short form as {@code \b \t \n \f \r}, the other controls below 0x20 as
 * {@code \}{@code u00XX} with upper-case digits. The writers that bypass Jackson for speed
 * ({@link PlainFrameJson}, the CLI's plain frame lines) use this one table so their output stays Jackson's.
 */
public final class JsonEscapes {

    private static final String[] ESCAPED = new String['\\' + 1];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPED[c] = String.format(java.util.Locale.ROOT, "\\u%04X", c);
        }
        ESCAPED['\b'] = "\\b";
        ESCAPED['\t'] = "\\t";
        ESCAPED['\n'] = "\\n";
        ESCAPED['\f'] = "\\f";
        ESCAPED['\r'] = "\\r";
        ESCAPED['"'] = "\\\"";
        ESCAPED['\\'] = "\\\\";
    }

    private JsonEscapes() {
    }

    /** The escape sequence for {@code c}, backslash included; null when {@code c} goes into a JSON string as is. */
    public static String of(int c) {
        return c >= 0 && c < ESCAPED.length ? ESCAPED[c] : null;
    }
}
