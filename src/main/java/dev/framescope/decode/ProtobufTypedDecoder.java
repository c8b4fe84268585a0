package dev.framescope.decode;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Protocol Buffers with a schema: protobuf-java's {@link DynamicMessage} parses the payload as the chosen type and
 * the fields print as JSON by their proto names (enums by name, 64-bit unsigned as exact numbers, bytes as binary,
 * map fields as objects). Fields the schema does not know show under {@code "(unknown fields)"} decoded schemaless.
 * On damaged input the fields merged before the damage are kept.
 */
public final class ProtobufTypedDecoder implements PayloadDecoder {

    public static final String ID = "protobuf-typed";
    static final String UNKNOWN = "(unknown fields)";

    private final ProtobufSchema schema;

    public ProtobufTypedDecoder(ProtobufSchema schema) {
        this.schema = schema;
    }

    public ProtobufSchema schema() {
        return schema;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Protocol Buffers (" + schema.type().getFullName() + ")";
    }

    /**
     * Binary frames only. Parses fully as the type with no unknown fields: 75 — the user chose this schema for the
     * connection, so it outranks every guess. Parses but with unknown fields: 35 (below the schemaless walk).
     */
    @Override
    public int detect(DecodeInput input) {
        if (input.text() || input.bytes().length == 0) {
            return 0;
        }
        Decoded d = decode(input);
        if (!d.complete() || d.tree().isEmpty()) {
            return 0;
        }
        return d.tree().has(UNKNOWN) ? 35 : 75;
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(schema.type());
        CodedInputStream in = CodedInputStream.newInstance(b);
        String summary = schema.type().getFullName();
        try {
            builder.mergeFrom(in, ExtensionRegistry.getEmptyRegistry());
        } catch (IOException | RuntimeException e) {
            long at = Math.min(b.length, in.getTotalBytesRead());
            return Trees.stopped(ID, message(builder.buildPartial()), summary + " (incomplete)",
                    new DecodeFailure(at, String.valueOf(e.getMessage())));
        }
        DynamicMessage message = builder.buildPartial();
        ObjectNode tree = message(message);
        if (!message.isInitialized()) {
            return Trees.stopped(ID, tree, summary, new DecodeFailure(b.length,
                    "required fields missing: " + message.findInitializationErrors()));
        }
        return Trees.ok(ID, tree, summary + " with " + Trees.plural(message.getAllFields().size(), "field"));
    }

    static ObjectNode message(MessageOrBuilder m) {
        ObjectNode out = Trees.NODES.objectNode();
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            if (f.isMapField()) {
                ObjectNode map = out.putObject(f.getName());
                FieldDescriptor keyField = f.getMessageType().findFieldByNumber(1);
                FieldDescriptor valueField = f.getMessageType().findFieldByNumber(2);
                for (Object entry : (List<?>) e.getValue()) {
                    Message pair = (Message) entry;
                    map.set(String.valueOf(pair.getField(keyField)), value(valueField, pair.getField(valueField)));
                }
            } else if (f.isRepeated()) {
                ArrayNode list = out.putArray(f.getName());
                for (Object item : (List<?>) e.getValue()) {
                    list.add(value(f, item));
                }
            } else {
                out.set(f.getName(), value(f, e.getValue()));
            }
        }
        byte[] unknown = m.getUnknownFields().toByteArray();
        if (unknown.length > 0) {
            out.set(UNKNOWN, new ProtobufRawDecoder().decode(DecodeInput.of(unknown, false)).tree());
        }
        return out;
    }

    private static JsonNode value(FieldDescriptor f, Object v) {
        return switch (f.getJavaType()) {
            case INT -> f.getType() == FieldDescriptor.Type.UINT32 || f.getType() == FieldDescriptor.Type.FIXED32
                    ? Trees.NODES.numberNode(Integer.toUnsignedLong((Integer) v))
                    : Trees.NODES.numberNode((Integer) v);
            case LONG -> f.getType() == FieldDescriptor.Type.UINT64 || f.getType() == FieldDescriptor.Type.FIXED64
                    ? Trees.NODES.numberNode(new BigInteger(Long.toUnsignedString((Long) v)))
                    : Trees.NODES.numberNode((Long) v);
            case FLOAT -> Trees.NODES.numberNode((Float) v);
            case DOUBLE -> Trees.NODES.numberNode((Double) v);
            case BOOLEAN -> Trees.NODES.booleanNode((Boolean) v);
            case STRING -> Trees.NODES.textNode((String) v);
            case BYTE_STRING -> Trees.NODES.binaryNode(((ByteString) v).toByteArray());
            case ENUM -> Trees.NODES.textNode(((EnumValueDescriptor) v).getName());
            case MESSAGE -> message((MessageOrBuilder) v);
        };
    }
}
