package dev.framescope.decode;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text. Invalid sequences show as U+FFFD, and the first one is reported with its byte offset (a text frame
 * must be valid UTF-8, RFC 6455 §8.1).
 */
final class TextDecoder implements PayloadDecoder {

    static final String ID = "text";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Text (UTF-8)";
    }

    /**
     * Text is the fallback for text frames (10, 5 if not valid UTF-8); for a binary frame, 30 when it is valid UTF-8
     * without control characters other than tab and line breaks — below every binary format that fully parses.
     */
    @Override
    public int detect(DecodeInput input) {
        byte[] b = input.bytes();
        if (input.text()) {
            return firstInvalid(b) < 0 ? 10 : 5;
        }
        return b.length > 0 && firstInvalid(b) < 0 && printable(new String(b, StandardCharsets.UTF_8)) ? 30 : 0;
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        String text = new String(b, StandardCharsets.UTF_8);
        String summary = Trees.grouped(text.codePointCount(0, text.length())) + " characters";
        int bad = firstInvalid(b);
        if (bad >= 0) {
            return Trees.stopped(ID, Trees.NODES.textNode(text), summary, new DecodeFailure(bad,
                    String.format("invalid UTF-8 (byte 0x%02x); shown as U+FFFD from here", b[bad] & 0xff)));
        }
        return Trees.ok(ID, Trees.NODES.textNode(text), summary);
    }

    /**
     * Offset of the first malformed or truncated UTF-8 sequence, or -1: where the JDK's UTF-8 decoder reports its
     * first error (the well-formed sequences of Unicode's table 3-7: no overlong forms, no surrogates, nothing past
     * U+10FFFF), checked without a decoder or buffers.
     */
    static int firstInvalid(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xff;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int more;
            int low = 0x80;
            int high = 0xbf;
            if (lead >= 0xc2 && lead <= 0xdf) {
                more = 1;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                more = 2;
                low = lead == 0xe0 ? 0xa0 : 0x80;
                high = lead == 0xed ? 0x9f : 0xbf;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                more = 3;
                low = lead == 0xf0 ? 0x90 : 0x80;
                high = lead == 0xf4 ? 0x8f : 0xbf;
            } else {
                return i;
            }
            if (i + more >= b.length) {
                return i;
            }
            int second = b[i + 1] & 0xff;
            if (second < low || second > high) {
                return i;
            }
            for (int k = 2; k <= more; k++) {
                int next = b[i + k] & 0xff;
                if (next < 0x80 || next > 0xbf) {
                    return i;
                }
            }
            i += more + 1;
        }
        return -1;
    }

    static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
