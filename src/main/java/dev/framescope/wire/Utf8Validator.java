package dev.framescope.wire;

/**
 * Streaming UTF-8 validation (RFC 3629) that survives any split of the input, as RFC 6455 §8.1 requires for text
 * messages whose fragments may cut a code point in two. Rejects overlong forms, surrogates and code points above
 * U+10FFFF, and reports the first bad byte as soon as it is seen.
 */
public final class Utf8Validator {

    private int needed;       // continuation bytes still expected for the current code point
    private int lower = 0x80; // allowed range of the next continuation byte (narrowed after E0, ED, F0, F4)
    private int upper = 0xBF;
    private long position;    // bytes accepted so far
    private long errorAt = -1;

    /** Feeds bytes; returns false once the input so far cannot be UTF-8 (and stays false). */
    public boolean feed(byte[] bytes, int offset, int length) {
        if (errorAt >= 0) {
            return false;
        }
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b < 0x80) {
                    position++;
                    continue;
                }
                if (!startSequence(b)) {
                    errorAt = position;
                    return false;
                }
            } else {
                if (b < lower || b > upper) {
                    errorAt = position;
                    return false;
                }
                lower = 0x80;
                upper = 0xBF;
                needed--;
            }
            position++;
        }
        return true;
    }

    public boolean feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    private boolean startSequence(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            if (b == 0xE0) {
                lower = 0xA0;      // no overlong 3-byte forms
            } else if (b == 0xED) {
                upper = 0x9F;      // no UTF-16 surrogates
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            if (b == 0xF0) {
                lower = 0x90;      // no overlong 4-byte forms
            } else if (b == 0xF4) {
                upper = 0x8F;      // nothing above U+10FFFF
            }
        } else {
            return false;
        }
        return true;
    }

    /** True if everything fed so far is valid and no code point is left unfinished: call at the end of a message. */
    public boolean isCompleteAndValid() {
        return errorAt < 0 && needed == 0;
    }

    public boolean hasFailed() {
        return errorAt >= 0;
    }

    /** Index (within everything fed) of the first byte that broke UTF-8, or -1. */
    public long errorPosition() {
        return errorAt;
    }

    public long bytesSeen() {
        return position;
    }

    public void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xBF;
        position = 0;
        errorAt = -1;
    }

    public static boolean isValid(byte[] bytes) {
        Utf8Validator v = new Utf8Validator();
        return v.feed(bytes) && v.isCompleteAndValid();
    }
}
