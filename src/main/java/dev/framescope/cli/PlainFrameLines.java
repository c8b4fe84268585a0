package dev.framescope.cli;

import dev.framescope.capture.io.JsonEscapes;
import dev.framescope.wire.Opcode;
import dev.framescope.wire.PlainFrames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code dissect --json}'s lines for a run of {@linkplain PlainFrames plain frames}, written straight into a reused
 * character buffer: the same bytes {@code FrameJson} and {@code MessageJson} produce through Jackson for such a
 * frame and its one-frame message (keys in the same order, Jackson's string escapes), without a tree per line.
 * A plain frame is whole, FIN, unmasked, uncompressed, TEXT in valid UTF-8 or BINARY, and has no finding, so most
 * keys are constants.
 */
final class PlainFrameLines {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int FLUSH_AT = 1 << 16;

    private final PrintWriter out;
    private final String lineSeparator = System.lineSeparator();
    private char[] buf = new char[FLUSH_AT * 2];
    private int fill;

    PlainFrameLines(PrintWriter out) {
        this.out = out;
    }

    void write(PlainFrames run) {
        byte[] array = run.array();
        for (int i = 0; i < run.count(); i++) {
            int start = run.frameStart(i);
            boolean text = (array[start] & 0x0F) == Opcode.TEXT.code();
            int payload = start + run.headerBytes(i);
            int length = run.payloadLength(i);
            frameLine(text, run.headerBytes(i), length, run.streamOffset(i), array, payload);
            messageLine(text, length, run.streamOffset(i), array, payload);
            if (fill >= FLUSH_AT) {
                flush();
            }
        }
        flush();
    }

    private void frameLine(boolean text, int headerBytes, int length, long offset, byte[] array, int payload) {
        append(text ? "{\"type\":\"frame\",\"fin\":true,\"rsv1\":false,\"rsv2\":false,\"rsv3\":false,\"opcode\":1,"
                + "\"opcodeName\":\"TEXT\"" : "{\"type\":\"frame\",\"fin\":true,\"rsv1\":false,\"rsv2\":false,"
                + "\"rsv3\":false,\"opcode\":2,\"opcodeName\":\"BINARY\"");
        append(",\"masked\":false,\"maskingKey\":null,\"payloadLength\":").append(length);
        append(",\"lengthEncoding\":").append(headerBytes == 2 ? 7 : headerBytes == 4 ? 16 : 64);
        append(",\"offset\":").append(offset);
        append(",\"payloadHex\":\"");
        hex(array, payload, length);
        append('"');
        if (text) {
            append(",\"text\":");
            string(array, payload, length);
        }
        append(",\"violations\":[]}").append(lineSeparator);
    }

    private void messageLine(boolean text, int length, long offset, byte[] array, int payload) {
        append(text ? "{\"type\":\"message\",\"opcode\":1,\"opcodeName\":\"TEXT\",\"offset\":"
                : "{\"type\":\"message\",\"opcode\":2,\"opcodeName\":\"BINARY\",\"offset\":").append(offset);
        append(",\"frames\":1,\"wireLength\":").append(length);
        append(",\"compressed\":false,\"length\":").append(length).append(",\"truncated\":false,");
        if (text) {
            append("\"text\":");
            string(array, payload, length);
        } else {
            append("\"payloadHex\":\"");
            hex(array, payload, length);
            append('"');
        }
        append(",\"violations\":[]}").append(lineSeparator);
    }

    private void hex(byte[] bytes, int from, int length) {
        ensure(length * 2);
        for (int i = from, end = from + length; i < end; i++) {
            buf[fill++] = HEX[(bytes[i] >> 4) & 0xF];
            buf[fill++] = HEX[bytes[i] & 0xF];
        }
    }

    /**
     * A JSON string of valid UTF-8 bytes, escaped as Jackson escapes it: quote, backslash and the controls with a
     * short form ({@code \b \t \n \f \r}) by those, the other controls below 0x20 as {@code u00XX} after a backslash.
     */
    private void string(byte[] bytes, int from, int length) {
        ensure(length * 6 + 2);
        buf[fill++] = '"';
        int end = from + length;
        int i = from;
        while (i < end && bytes[i] >= 0) {
            char c = (char) bytes[i++];
            if (c < 0x20 || c == '"' || c == '\\') {
                escape(c);
            } else {
                buf[fill++] = c;
            }
        }
        if (i < end) {
            String rest = new String(bytes, i, end - i, StandardCharsets.UTF_8);
            for (int k = 0; k < rest.length(); k++) {
                char c = rest.charAt(k);
                if (c < 0x20 || c == '"' || c == '\\') {
                    escape(c);
                } else {
                    buf[fill++] = c;
                }
            }
        }
        buf[fill++] = '"';
    }

    private void escape(char c) {
        String escape = JsonEscapes.of(c);
        escape.getChars(0, escape.length(), buf, fill);
        fill += escape.length();
    }

    private PlainFrameLines append(String s) {
        ensure(s.length());
        s.getChars(0, s.length(), buf, fill);
        fill += s.length();
        return this;
    }

    private PlainFrameLines append(char c) {
        ensure(1);
        buf[fill++] = c;
        return this;
    }

    private PlainFrameLines append(long n) {
        return append(Long.toString(n));
    }

    private void ensure(int more) {
        if (fill + more > buf.length) {
            flush();
            if (more > buf.length) {
                buf = new char[more];
            }
        }
    }

    private void flush() {
        out.write(buf, 0, fill);
        fill = 0;
    }
}
