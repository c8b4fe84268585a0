package dev.framescope.ui.frame;

import java.util.Arrays;

/**
 * A fragment (RFC 6455 §5.4) or a cut preview may split a UTF-8 character: the bytes of a character begun in the
 * previous frame open it, and a character the next frame finishes closes it. Those edges are dropped for display, so
 * the text between them shows as text, not hex.
 */
public final class Utf8Edges {

    private Utf8Edges() {
    }

    /** The bytes without continuation bytes at the start and without an incomplete character at the end. */
    public static byte[] trim(byte[] bytes) {
        int from = 0;
        while (from < bytes.length && from < 3 && isContinuation(bytes[from])) {
            from++;
        }
        int to = bytes.length;
        // Walk back over at most 3 continuation bytes to the lead byte of the last character.
        int lead = to - 1;
        while (lead >= from && lead > to - 4 && isContinuation(bytes[lead])) {
            lead--;
        }
        if (lead >= from && lead < to) {
            int needed = length(bytes[lead]);
            if (needed > 1 && lead + needed > to) {
                to = lead;
            }
        }
        return from == 0 && to == bytes.length ? bytes : Arrays.copyOfRange(bytes, from, Math.max(from, to));
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** How many bytes the character that starts with {@code lead} has (1 for ASCII or a stray byte). */
    private static int length(byte lead) {
        int b = lead & 0xFF;
        return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }
}
