package dev.framescope.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Payloads made at test time by the real libraries (msgpack-core, Jackson CBOR, protobuf-java). */
public final class DecodeFixtures {

    public static final Instant STAMP = Instant.parse("2024-05-06T07:08:09.123456789Z");

    private DecodeFixtures() {
    }

    /** {"name": "café", "n": -5, "big": 2^64-1, "list": [1, 2.5, true, nil, bin 01 02 ff], "at": timestamp}. */
    public static byte[] msgpack() {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(5);
            p.packString("name").packString("café");
            p.packString("n").packLong(-5);
            p.packString("big").packBigInteger(new java.math.BigInteger("18446744073709551615"));
            p.packString("list").packArrayHeader(5).packInt(1).packDouble(2.5).packBoolean(true).packNil()
                    .packBinaryHeader(3).writePayload(new byte[] {1, 2, (byte) 0xff});
            p.packString("at").packTimestamp(STAMP);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {"sensor": "t-1", "values": [21.5, -3, 1000000], "ok": true, "raw": h'cafe'} through Jackson's CBOR. */
    public static byte[] cbor() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sensor", "t-1");
        m.put("values", List.of(21.5, -3, 1_000_000));
        m.put("ok", true);
        m.put("raw", new byte[] {(byte) 0xca, (byte) 0xfe});
        try {
            return new ObjectMapper(new CBORFactory()).writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** test.proto: package demo; enum Kind; message Item {string label=1; int32 qty=2}; message Order {...}. */
    public static FileDescriptorProto orderProto() {
        return FileDescriptorProto.newBuilder()
                .setName("demo/order.proto").setPackage("demo").setSyntax("proto3")
                .addEnumType(com.google.protobuf.DescriptorProtos.EnumDescriptorProto.newBuilder().setName("Kind")
                        .addValue(com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto.newBuilder()
                                .setName("KIND_UNSPECIFIED").setNumber(0))
                        .addValue(com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto.newBuilder()
                                .setName("EXPRESS").setNumber(2)))
                .addMessageType(DescriptorProto.newBuilder().setName("Item")
                        .addField(field("label", 1, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("qty", 2, FieldDescriptorProto.Type.TYPE_INT32)))
                .addMessageType(DescriptorProto.newBuilder().setName("Order")
                        .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_UINT64))
                        .addField(field("customer", 2, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("items", 3, FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".demo.Item")
                                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                        .addField(field("total", 4, FieldDescriptorProto.Type.TYPE_DOUBLE))
                        .addField(field("kind", 5, FieldDescriptorProto.Type.TYPE_ENUM).setTypeName(".demo.Kind"))
                        .addField(field("token", 6, FieldDescriptorProto.Type.TYPE_BYTES)))
                .build();
    }

    private static FieldDescriptorProto.Builder field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(name);
    }

    /** What {@code protoc --descriptor_set_out} would write for {@link #orderProto()}. */
    public static byte[] descriptorSet() {
        return FileDescriptorSet.newBuilder().addFile(orderProto()).build().toByteArray();
    }

    public static Descriptor orderType() {
        try {
            return Descriptors.FileDescriptor.buildFrom(orderProto(), new Descriptors.FileDescriptor[0])
                    .findMessageTypeByName("Order");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Order{id: 2^63+5, customer: "Ada", items: [{label: "pen", qty: 3}, {label: "ink", qty: 1}], ...}. */
    public static byte[] protobuf() {
        Descriptor order = orderType();
        Descriptor item = order.getFile().findMessageTypeByName("Item");
        DynamicMessage pen = DynamicMessage.newBuilder(item).setField(item.findFieldByName("label"), "pen")
                .setField(item.findFieldByName("qty"), 3).build();
        DynamicMessage ink = DynamicMessage.newBuilder(item).setField(item.findFieldByName("label"), "ink")
                .setField(item.findFieldByName("qty"), 1).build();
        return DynamicMessage.newBuilder(order)
                .setField(order.findFieldByName("id"), Long.MIN_VALUE + 5)
                .setField(order.findFieldByName("customer"), "Ada")
                .addRepeatedField(order.findFieldByName("items"), pen)
                .addRepeatedField(order.findFieldByName("items"), ink)
                .setField(order.findFieldByName("total"), 12.5)
                .setField(order.findFieldByName("kind"), order.getFile().findEnumTypeByName("Kind")
                        .findValueByName("EXPRESS"))
                .setField(order.findFieldByName("token"), ByteString.copyFrom(new byte[] {0, 1, (byte) 0x80}))
                .build().toByteArray();
    }
}
