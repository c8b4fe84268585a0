package dev.framescope.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Protocol Buffers without a schema, the way {@code protoc --decode_raw} reads them: keys are field numbers (a
 * repeated number becomes an array), varints are unsigned numbers, 64/32-bit fields show as hex with their
 * double/float reading, length-delimited fields are guessed — printable UTF-8 → string, bytes that parse fully as a
 * message → nested object, other UTF-8 → string, else bytes — and groups (wire types 3/4) nest.
 * <p>
 * Stops with the offset and reason on truncation, a zero or too large field number, a bad wire type (6, 7) or an
 * unmatched end-group; nesting (groups, or messages guessed inside bytes) is capped at {@link Trees#MAX_DEPTH}.
 */
final class ProtobufRawDecoder implements PayloadDecoder {

    static final String ID = "protobuf";
    private static final int MAX_FIELD_NUMBER = (1 << 29) - 1;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Protocol Buffers (schemaless)";
    }

    /**
     * Binary frames only; 40 when every byte parses as fields — below a MessagePack or CBOR container, because
     * almost any short byte string happens to be a valid protobuf message; 20 when the bytes are also printable
     * text (a real message has control-character tags and lengths; "plain words" happens to parse as fields).
     */
    @Override
    public int detect(DecodeInput input) {
        return detection(input).score();
    }

    @Override
    public Detection detection(DecodeInput input) {
        if (input.text() || input.bytes().length == 0) {
            return Detection.of(0);
        }
        if (!Walker.fields(input.bytes())) {
            return Detection.of(0);
        }
        Decoded d = decode(input);
        if (!d.complete() || d.tree().size() == 0) {
            return Detection.of(0);
        }
        byte[] b = input.bytes();
        boolean printable = TextDecoder.firstInvalid(b) < 0
                && TextDecoder.printable(new String(b, StandardCharsets.UTF_8));
        return Detection.of(printable ? 20 : 40, d);
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        ObjectNode root = Trees.NODES.objectNode();
        try {
            new Walker(b).message(root, 0, b.length, 0, -1);
            return Trees.ok(ID, root, "message with " + Trees.plural(root.size(), "field number"));
        } catch (DecodeStop stop) {
            return Trees.stopped(ID, root, "incomplete", stop.failure());
        }
    }

    /** Walks fields of {@code bytes}; offsets in failures are offsets into the whole payload. */
    static final class Walker {

        private final byte[] bytes;
        private int pos;

        Walker(byte[] bytes) {
            this.bytes = bytes;
        }

        /**
         * Reads fields from {@code from} until {@code to}, or until the end-group tag of {@code groupField} (then
         * returns the offset after it).
         */
        int message(ObjectNode into, int from, int to, int depth, int groupField) throws DecodeStop {
            pos = from;
            while (pos < to) {
                int tagAt = pos;
                long tag = varint(to);
                long field = tag >>> 3;
                int wire = (int) (tag & 7);
                if (field == 0 || field > MAX_FIELD_NUMBER) {
                    throw new DecodeStop(tagAt, "field number " + Long.toUnsignedString(field)
                            + " is outside 1.." + MAX_FIELD_NUMBER);
                }
                String key = Long.toString(field);
                switch (wire) {
                    case 0 -> {
                        long v = varint(to);
                        add(into, key, v >= 0 ? Trees.NODES.numberNode(v)
                                : Trees.NODES.numberNode(new BigInteger(Long.toUnsignedString(v))));
                    }
                    case 1 -> {
                        long v = fixed(8, to, tagAt);
                        add(into, key, Trees.NODES.textNode(hex(Long.toHexString(v), 16) + " (double "
                                + Double.longBitsToDouble(v) + ")"));
                    }
                    case 5 -> {
                        int v = (int) fixed(4, to, tagAt);
                        add(into, key, Trees.NODES.textNode(hex(Integer.toHexString(v), 8) + " (float "
                                + Float.intBitsToFloat(v) + ")"));
                    }
                    case 2 -> {
                        long length = varint(to);
                        if (length < 0 || length > to - pos) {
                            throw new DecodeStop(tagAt, length < 0
                                    ? String.format("field %s claims %,d bytes but only %,d are left", key,
                                            new BigInteger(Long.toUnsignedString(length)), to - pos)
                                    : "field " + key + " claims " + Trees.grouped(length) + " bytes but only "
                                            + Trees.grouped(to - pos) + " are left");
                        }
                        int start = pos;
                        int end = start + (int) length;
                        add(into, key, guess(start, end, depth));
                        pos = end;
                    }
                    case 3 -> {
                        if (depth >= Trees.MAX_DEPTH) {
                            throw new DecodeStop(tagAt, Trees.tooDeep());
                        }
                        ObjectNode group = Trees.NODES.objectNode();
                        add(into, key, group);
                        pos = message(group, pos, to, depth + 1, (int) field);
                    }
                    case 4 -> {
                        if (field != groupField) {
                            throw new DecodeStop(tagAt, "end-group tag for field " + key + (groupField < 0
                                    ? " outside any group" : " inside group " + groupField));
                        }
                        return pos;
                    }
                    default -> throw new DecodeStop(tagAt, "wire type " + wire + " (field " + key
                            + ") is not defined; valid wire types are 0, 1, 2, 3, 4 and 5");
                }
            }
            if (groupField >= 0) {
                throw new DecodeStop(to, "input ended inside group " + groupField + " (no end-group tag)");
            }
            return pos;
        }

        private JsonNode guess(int start, int end, int depth) {
            if (start == end) {
                return Trees.NODES.textNode("");
            }
            boolean utf8 = TextDecoder.firstInvalid(Arrays.copyOfRange(bytes, start, end)) < 0;
            String text = utf8 ? new String(bytes, start, end - start, StandardCharsets.UTF_8) : "";
            if (utf8 && text.charAt(0) >= 0x20 && TextDecoder.printable(text)) {
                return Trees.NODES.textNode(text);
            }
            if (depth + 1 < Trees.MAX_DEPTH) {
                ObjectNode nested = Trees.NODES.objectNode();
                try {
                    new Walker(bytes).message(nested, start, end, depth + 1, -1);
                    return nested;
                } catch (DecodeStop notAMessage) {
                    // Not a message: fall through to string or bytes.
                }
            }
            return utf8 ? Trees.NODES.textNode(text)
                    : Trees.NODES.binaryNode(Arrays.copyOfRange(bytes, start, end));
        }

        private long varint(int to) throws DecodeStop {
            int start = pos;
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= to) {
                    throw new DecodeStop(start, "input ended inside a varint");
                }
                int b = bytes[pos++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (shift == 63 && b > 1) {
                        throw new DecodeStop(start, "varint overflows 64 bits");
                    }
                    return value;
                }
            }
            throw new DecodeStop(start, "varint longer than 10 bytes");
        }

        private long fixed(int size, int to, int tagAt) throws DecodeStop {
            if (to - pos < size) {
                throw new DecodeStop(tagAt, Trees.decimal(size * 8L) + "-bit field needs " + Trees.decimal(size)
                        + " bytes but only " + Trees.decimal(to - pos) + " are left");
            }
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | (bytes[pos + i] & 0xff);
            }
            pos += size;
            return v;
        }

        /**
         * Whether {@code bytes} parse as fields to the end, checked the way {@link #message} reads them (the same
         * stops: varints, field numbers, wire types, lengths, groups and their depth) without building anything:
         * a cheap negative before the decode, which most binary payloads that are not protobuf fail.
         */
        static boolean fields(byte[] bytes) {
            Walker w = new Walker(bytes);
            return w.skim(0, bytes.length, 0, -1) == bytes.length;
        }

        /** {@link #message} without a tree: the offset it would return, or -1 where it would stop. */
        private int skim(int from, int to, int depth, int groupField) {
            pos = from;
            while (pos < to) {
                long tag = skimVarint(to);
                if (pos < 0) {
                    return -1;
                }
                long field = tag >>> 3;
                int wire = (int) (tag & 7);
                if (field == 0 || field > MAX_FIELD_NUMBER) {
                    return -1;
                }
                switch (wire) {
                    case 0 -> skimVarint(to);
                    case 1, 5 -> pos = to - pos < (wire == 1 ? 8 : 4) ? -1 : pos + (wire == 1 ? 8 : 4);
                    case 2 -> {
                        long length = skimVarint(to);
                        pos = pos < 0 || length < 0 || length > to - pos ? -1 : pos + (int) length;
                    }
                    case 3 -> pos = depth >= Trees.MAX_DEPTH ? -1 : skim(pos, to, depth + 1, (int) field);
                    case 4 -> {
                        return field == groupField ? pos : -1;
                    }
                    default -> pos = -1;
                }
                if (pos < 0) {
                    return -1;
                }
            }
            return groupField >= 0 ? -1 : pos;
        }

        /** {@link #varint} that sets {@code pos} to -1 where that one throws. */
        private long skimVarint(int to) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= to) {
                    pos = -1;
                    return 0;
                }
                int b = bytes[pos++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (shift == 63 && b > 1) {
                        pos = -1;
                    }
                    return value;
                }
            }
            pos = -1;
            return 0;
        }

        /** {@code String.format("0x%0{digits}x", v)} from {@code Long/Integer.toHexString(v)}, without a Formatter. */
        static String hex(String digits, int width) {
            return "0x" + "0".repeat(Math.max(0, width - digits.length())) + digits;
        }

        /** A field number seen again is a repeated field: its values become an array (values are never arrays). */
        private static void add(ObjectNode into, String key, JsonNode value) {
            JsonNode existing = into.get(key);
            if (existing == null) {
                into.set(key, value);
            } else if (existing instanceof ArrayNode list) {
                list.add(value);
            } else {
                ArrayNode list = into.putArray(key);
                list.add(existing);
                list.add(value);
            }
        }
    }
}
