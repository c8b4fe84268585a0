package dev.framescope.decode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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

    /** Offset of the first malformed or truncated UTF-8 sequence, or -1. */
    static int firstInvalid(byte[] b) {
        if (ascii(b)) {
            return -1;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(Math.min(b.length, 8192) + 2);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            r = decoder.flush(out);
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            return in.hasRemaining() ? in.position() : -1;
        }
    }

    private static boolean ascii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
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
