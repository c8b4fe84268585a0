package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * A reused, growing byte buffer that JSON is written into as the UTF-8 bytes of Jackson's compact text
 * ({@code JsonNode.toString()}): the same escapes ({@link JsonEscapes}), keys in the tree's order, integers as
 * digits. Objects, arrays, strings, integers, booleans and null are written here; any other node (floating point,
 * big numbers, binary) is written by Jackson itself.
 */
final class JsonBytes {

    private byte[] buf = new byte[256];
    private int size;

    void reset() {
        size = 0;
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    JsonBytes ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** One ASCII character. */
    JsonBytes put(char c) {
        ensure(1);
        buf[size++] = (byte) c;
        return this;
    }

    /** {@link Long#toString}'s digits, written in place. */
    JsonBytes number(long n) {
        if (n < 0) {
            return ascii(Long.toString(n));
        }
        ensure(19);
        size = Decimal.put(buf, size, n);
        return this;
    }

    /** A JSON string, or {@code null} for a null reference (as Jackson puts a null value). */
    JsonBytes text(String s) {
        return s == null ? ascii("null") : string(s);
    }

    /** A JSON string: quote, backslash and controls escaped; characters beyond ASCII as their UTF-8 bytes. */
    JsonBytes string(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        int start = size;
        buf[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                size = start;
                return utf8String(s);
            }
            String escape = JsonEscapes.of(c);
            if (escape == null) {
                buf[size++] = (byte) c;
            } else {
                for (int k = 0; k < escape.length(); k++) {
                    buf[size++] = (byte) escape.charAt(k);
                }
            }
        }
        buf[size++] = '"';
        return this;
    }

    /** The rare string with non-ASCII characters: escaped as text, then encoded as {@code String.getBytes} does. */
    private JsonBytes utf8String(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = JsonEscapes.of(c);
            if (escape == null) {
                sb.append(c);
            } else {
                sb.append(escape);
            }
        }
        byte[] bytes = sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    JsonBytes node(JsonNode node) {
        if (node instanceof ObjectNode object) {
            put('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); first = false) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!first) {
                    put(',');
                }
                string(member.getKey()).put(':').node(member.getValue());
            }
            return put('}');
        }
        if (node instanceof ArrayNode array) {
            put('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    put(',');
                }
                node(array.get(i));
            }
            return put(']');
        }
        if (node instanceof TextNode text) {
            return string(text.textValue());
        }
        if (node instanceof IntNode || node instanceof LongNode || node instanceof ShortNode) {
            return number(node.longValue());
        }
        if (node instanceof BooleanNode || node instanceof NullNode) {
            return ascii(node.isNull() ? "null" : node.booleanValue() ? "true" : "false");
        }
        byte[] other = node.toString().getBytes(StandardCharsets.UTF_8);
        ensure(other.length);
        System.arraycopy(other, 0, buf, size, other.length);
        size += other.length;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
