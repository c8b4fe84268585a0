package dev.framescope.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * MessagePack through msgpack-core's header-level unpacker. Every string, binary and extension length is checked
 * against the bytes actually left before it is read, so a header claiming 4 GiB allocates nothing; arrays and maps
 * grow one decoded element at a time. Map keys that are not strings are shown as their JSON text.
 */
final class MsgpackDecoder implements PayloadDecoder {

    static final String ID = "msgpack";
    /** The msgpack timestamp extension type (spec: "Timestamp extension type"). */
    private static final byte TIMESTAMP = -1;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "MessagePack";
    }

    /**
     * Binary frames only. One value that uses every byte: a map or array 60 (+10 for a map whose keys are all
     * strings, the usual shape of a message), a lone scalar 15. Anything else 0.
     */
    @Override
    public int detect(DecodeInput input) {
        return detection(input).score();
    }

    @Override
    public Detection detection(DecodeInput input) {
        if (input.text() || input.bytes().length == 0 || QuickReject.notMsgpack(input.bytes())) {
            return Detection.of(0);
        }
        Decoded d = decode(input);
        return d.complete() ? Detection.of(containerScore(d.tree()), d) : Detection.of(0);
    }

    static int containerScore(JsonNode tree) {
        if (tree.isObject()) {
            return tree.size() > 0 ? 70 : 60;
        }
        return tree.isArray() ? 60 : 15;
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        JsonNode[] root = {Trees.NODES.nullNode()};
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(b)) {
            Reader reader = new Reader(unpacker, b.length);
            try {
                reader.value(v -> root[0] = v, 0);
                if (unpacker.getTotalReadBytes() < b.length) {
                    throw new DecodeStop(unpacker.getTotalReadBytes(),
                            Trees.grouped(b.length - unpacker.getTotalReadBytes()) + " trailing bytes after the first value");
                }
                return Trees.ok(ID, root[0], JsonDecoder.describe(root[0]));
            } catch (DecodeStop stop) {
                return Trees.stopped(ID, root[0], "incomplete", stop.failure());
            }
        } catch (IOException e) {
            return Trees.stopped(ID, root[0], "incomplete", new DecodeFailure(0, e.getMessage()));
        }
    }

    private static final class Reader {

        private final MessageUnpacker in;
        private final long length;

        Reader(MessageUnpacker in, long length) {
            this.in = in;
            this.length = length;
        }

        void value(Consumer<JsonNode> attach, int depth) throws DecodeStop {
            long at = in.getTotalReadBytes();
            try {
                if (!in.hasNext()) {
                    throw new DecodeStop(at, "input ended where a value should start");
                }
                MessageFormat format = in.getNextFormat();
                if (format == MessageFormat.NEVER_USED) {
                    throw new DecodeStop(at, "byte 0xc1 is never used in MessagePack");
                }
                ValueType type = format.getValueType();
                switch (type) {
                    case NIL -> {
                        in.unpackNil();
                        attach.accept(Trees.NODES.nullNode());
                    }
                    case BOOLEAN -> attach.accept(Trees.NODES.booleanNode(in.unpackBoolean()));
                    case INTEGER -> attach.accept(format == MessageFormat.UINT64
                            ? Trees.NODES.numberNode(in.unpackBigInteger()) : Trees.NODES.numberNode(in.unpackLong()));
                    case FLOAT -> attach.accept(format == MessageFormat.FLOAT32
                            ? Trees.NODES.numberNode(in.unpackFloat()) : Trees.NODES.numberNode(in.unpackDouble()));
                    case STRING -> attach.accept(Trees.NODES.textNode(string(at)));
                    case BINARY -> attach.accept(Trees.NODES.binaryNode(payload(at, in.unpackBinaryHeader(), "bin")));
                    case EXTENSION -> attach.accept(extension(at));
                    case ARRAY -> array(attach, depth, at);
                    case MAP -> map(attach, depth, at);
                }
            } catch (IOException | MessagePackException e) {
                throw new DecodeStop(at, describe(e));
            }
        }

        private void array(Consumer<JsonNode> attach, int depth, long at) throws IOException, DecodeStop {
            if (depth >= Trees.MAX_DEPTH) {
                throw new DecodeStop(at, Trees.tooDeep());
            }
            int n = in.unpackArrayHeader();
            ArrayNode array = Trees.NODES.arrayNode();
            attach.accept(array);
            for (int i = 0; i < n; i++) {
                value(array::add, depth + 1);
            }
        }

        private void map(Consumer<JsonNode> attach, int depth, long at) throws IOException, DecodeStop {
            if (depth >= Trees.MAX_DEPTH) {
                throw new DecodeStop(at, Trees.tooDeep());
            }
            int n = in.unpackMapHeader();
            ObjectNode map = Trees.NODES.objectNode();
            attach.accept(map);
            for (int i = 0; i < n; i++) {
                JsonNode[] key = {Trees.NODES.nullNode()};
                value(k -> key[0] = k, depth + 1);
                String name = key[0].isTextual() ? key[0].textValue() : key[0].toString();
                value(v -> map.set(name, v), depth + 1);
            }
        }

        private String string(long at) throws IOException, DecodeStop {
            return new String(payload(at, in.unpackRawStringHeader(), "str"), StandardCharsets.UTF_8);
        }

        private JsonNode extension(long at) throws IOException, DecodeStop {
            ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
            checkLeft(at, header.getLength(), "ext");
            if (header.getType() == TIMESTAMP && (header.getLength() == 4 || header.getLength() == 8
                    || header.getLength() == 12)) {
                return Trees.NODES.textNode(in.unpackTimestamp(header).toString());
            }
            ObjectNode ext = Trees.NODES.objectNode();
            ext.put("extType", header.getType());
            ext.put("data", Trees.hex(in.readPayload(header.getLength()), 0, header.getLength()));
            return ext;
        }

        /** Reads a claimed length of payload only after checking that many bytes are really there. */
        private byte[] payload(long at, int claimed, String what) throws IOException, DecodeStop {
            checkLeft(at, claimed, what);
            return in.readPayload(claimed);
        }

        private void checkLeft(long at, long claimed, String what) throws DecodeStop {
            long left = length - in.getTotalReadBytes();
            if (claimed < 0 || claimed > left) {
                throw new DecodeStop(at, what + " claims " + Trees.grouped(claimed < 0 ? claimed & 0xffffffffL : claimed)
                        + " bytes but only " + Trees.grouped(left) + " are left");
            }
        }

        private String describe(Exception e) {
            if (e instanceof MessageSizeException size) {
                return "a length of " + Trees.grouped(size.getSize()) + " does not fit the " + Trees.grouped(length)
                        + "-byte payload";
            }
            String kind = e.getClass().getSimpleName();
            if (kind.equals("MessageInsufficientBufferException") || e instanceof EOFException) {
                return "input ended inside a value";
            }
            return e.getMessage() == null ? kind : e.getMessage();
        }
    }
}
