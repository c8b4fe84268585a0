package dev.framescope.capture.io;

import dev.framescope.decode.DecodeInput;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Opcode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code export --to json}'s two lines for a plain frame (received, whole, FIN, unmasked, uncompressed, TEXT in
 * valid UTF-8 or BINARY, no findings) and its one-frame message, written as bytes into one reused buffer: the
 * same bytes {@link SessionJson} and {@link DecodedJson} produce through Jackson trees (keys in the same order,
 * Jackson's string escapes, its doubles), without a tree per line, and the payload decoded once for both lines.
 */
final class PlainFrameJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int FLUSH_AT = 1 << 16;
    /** Payloads up to this size have their hex and text copied into the message line (see {@link #write}). */
    private static final int COPY_LIMIT = 1 << 16;
    /** More than the keys, the numbers and the time of a frame line and a message line take. */
    private static final int LINES_AROUND = 1024;

    // The lines' fixed parts, in the order they are written; each one array copy.
    private static final byte[] FRAME_CONN = ascii("{\"type\":\"frame\",\"conn\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] T = ascii(",\"t\":");
    private static final byte[] FRAME_TEXT = frameHeader(1, "TEXT");
    private static final byte[] FRAME_BINARY = frameHeader(2, "BINARY");
    private static final byte[] LENGTH_ENCODING = ascii(",\"lengthEncoding\":");
    private static final byte[] OFFSET = ascii(",\"offset\":");
    private static final byte[] PAYLOAD_HEX = ascii(",\"payloadHex\":\"");
    private static final byte[] QUOTE = ascii("\"");
    private static final byte[] TEXT = ascii(",\"text\":");
    private static final byte[] FRAME_END_TEXT = frameEnd("TEXT");
    private static final byte[] FRAME_END_BINARY = frameEnd("BINARY");
    private static final byte[] LINE_END = ascii("}\n");
    private static final byte[] MESSAGE_CONN = ascii("{\"type\":\"message\",\"conn\":");
    private static final byte[] MESSAGE_TEXT = ascii(",\"opcode\":1,\"opcodeName\":\"TEXT\",\"offset\":");
    private static final byte[] MESSAGE_BINARY = ascii(",\"opcode\":2,\"opcodeName\":\"BINARY\",\"offset\":");
    private static final byte[] WIRE_LENGTH = ascii(",\"frames\":1,\"wireLength\":");
    private static final byte[] LENGTH = ascii(",\"compressed\":false,\"length\":");
    private static final byte[] TRUNCATED = ascii(",\"truncated\":false,");
    private static final byte[] TEXT_AFTER_TRUNCATED = ascii("\"text\":");
    private static final byte[] MESSAGE_TEXT_HEX = ascii(",\"violations\":[],\"dir\":\"in\",\"payloadHex\":\"");
    private static final byte[] PAYLOAD_HEX_AFTER_TRUNCATED = ascii("\"payloadHex\":\"");
    private static final byte[] MESSAGE_BINARY_HEX_END = ascii("\",\"violations\":[],\"dir\":\"in\"");
    private static final byte[] MESSAGE_END = ascii(",\"findings\":[],\"decoded\":");

    private final OutputStream out;
    private final JsonBytes decoded = new JsonBytes();
    private byte[] buf = new byte[FLUSH_AT * 2];
    private int fill;
    private long lastMicros = Long.MIN_VALUE;
    private byte[] lastSeconds = new byte[0];

    PlainFrameJson(OutputStream out) {
        this.out = out;
    }

    /** @param sinceStart nanoseconds since the connection's start; {@code payload} is the whole payload */
    void write(long conn, long seq, long sinceStart, FrameHeader header, byte[] payload,
               Optional<String> subprotocol) throws IOException {
        boolean text = header.opcode() == Opcode.TEXT;
        decoded.reset();
        DecodedJson.write(DecodedJson.decode(new DecodeInput(payload, text, subprotocol)), decoded);
        byte[] t = seconds(sinceStart);
        int length = payload.length;
        // Up to COPY_LIMIT, room for both lines at once, so nothing is flushed between them: the message line
        // copies the hex and the text the frame line wrote. Larger payloads are written twice, in bounded pieces.
        boolean copy = length <= COPY_LIMIT;
        if (copy) {
            ensure(2 * (length * 2 + (text ? length * 6 + 2 : 0) + decoded.size() + t.length) + LINES_AROUND);
        }

        append(FRAME_CONN).number(conn).append(SEQ).number(seq).append(T).append(t)
                .append(text ? FRAME_TEXT : FRAME_BINARY).number(length).append(LENGTH_ENCODING)
                .number(header.lengthEncoding().bits()).append(OFFSET).number(header.streamOffset())
                .append(PAYLOAD_HEX);
        int hexAt = fill;
        hex(payload);
        int hexEnd = fill;
        append(QUOTE);
        int textAt = fill + TEXT.length;
        if (text) {
            append(TEXT);
            string(payload);
        }
        int textEnd = fill;
        append(text ? FRAME_END_TEXT : FRAME_END_BINARY).append(decoded).append(LINE_END);

        append(MESSAGE_CONN).number(conn).append(SEQ).number(seq + 1).append(T).append(t)
                .append(text ? MESSAGE_TEXT : MESSAGE_BINARY).number(header.streamOffset())
                .append(WIRE_LENGTH).number(length).append(LENGTH).number(length).append(TRUNCATED);
        if (text) {
            append(TEXT_AFTER_TRUNCATED);
            if (copy) {
                copy(textAt, textEnd);
            } else {
                string(payload);
            }
            append(MESSAGE_TEXT_HEX);
            hexAgain(copy, hexAt, hexEnd, payload);
            append(QUOTE);
        } else {
            append(PAYLOAD_HEX_AFTER_TRUNCATED);
            hexAgain(copy, hexAt, hexEnd, payload);
            append(MESSAGE_BINARY_HEX_END);
        }
        append(MESSAGE_END).append(decoded).append(LINE_END);
        if (fill >= FLUSH_AT) {
            flush();
        }
    }

    /** Writes what the buffer holds; before anything else goes to the stream, and at the end. */
    void flush() throws IOException {
        out.write(buf, 0, fill);
        fill = 0;
    }

    /**
     * {@link SessionJson}'s {@code t}: the seconds rounded to the microsecond as a double, as Jackson writes it
     * ({@link Double#toString}); consecutive frames often share it.
     */
    private byte[] seconds(long sinceStart) {
        long micros = Math.round(sinceStart / 1e9 * 1e6);
        if (micros != lastMicros) {
            lastMicros = micros;
            lastSeconds = Double.toString(micros / 1e6).getBytes(StandardCharsets.US_ASCII);
        }
        return lastSeconds;
    }

    private void hexAgain(boolean copy, int from, int to, byte[] payload) throws IOException {
        if (copy) {
            copy(from, to);
        } else {
            hex(payload);
        }
    }

    /** Appends what the buffer holds at {@code [from, to)}, which {@link #write} made sure stays in it. */
    private void copy(int from, int to) {
        System.arraycopy(buf, from, buf, fill, to - from);
        fill += to - from;
    }

    private void hex(byte[] bytes) throws IOException {
        ensure(bytes.length * 2);
        for (byte b : bytes) {
            buf[fill++] = HEX[(b >> 4) & 0xF];
            buf[fill++] = HEX[b & 0xF];
        }
    }

    /**
     * A JSON string of valid UTF-8 bytes as Jackson writes it: the bytes themselves, quote, backslash and controls
     * escaped ({@link JsonEscapes}).
     */
    private void string(byte[] bytes) throws IOException {
        ensure(bytes.length * 6 + 2);
        buf[fill++] = '"';
        for (byte b : bytes) {
            if (b >= 0x20 && b != '"' && b != '\\' || b < 0) {
                buf[fill++] = b;
                continue;
            }
            String escape = JsonEscapes.of(b);
            for (int i = 0; i < escape.length(); i++) {
                buf[fill++] = (byte) escape.charAt(i);
            }
        }
        buf[fill++] = '"';
    }

    private PlainFrameJson append(JsonBytes json) throws IOException {
        ensure(json.size());
        System.arraycopy(json.array(), 0, buf, fill, json.size());
        fill += json.size();
        return this;
    }

    private PlainFrameJson append(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, fill, bytes.length);
        fill += bytes.length;
        return this;
    }

    private PlainFrameJson number(long n) throws IOException {
        if (n < 0) {
            return append(ascii(Long.toString(n)));
        }
        ensure(20);
        fill = Decimal.put(buf, fill, n);
        return this;
    }

    /** A plain frame's header fields after its time, up to its payload length's value. */
    private static byte[] frameHeader(int opcode, String name) {
        return ascii(",\"fin\":true,\"rsv1\":false,\"rsv2\":false,\"rsv3\":false,\"opcode\":" + opcode
                + ",\"opcodeName\":\"" + name + "\",\"masked\":false,\"maskingKey\":null,\"payloadLength\":");
    }

    /** A plain frame line's fields after its text, up to its decoded tree. */
    private static byte[] frameEnd(String message) {
        return ascii(",\"violations\":[],\"dir\":\"in\",\"message\":\"" + message + "\",\"findings\":[],\"decoded\":");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void ensure(int more) throws IOException {
        if (fill + more > buf.length) {
            flush();
            if (more > buf.length) {
                buf = new byte[more];
            }
        }
    }
}
