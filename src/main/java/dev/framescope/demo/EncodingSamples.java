package dev.framescope.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The {@code /encodings} scenario's payloads: the same order as JSON (text), MessagePack, CBOR and Protocol Buffers
 * (binary), each made by its own library, so the decoded view has something real to show.
 */
final class EncodingSamples {

    /** Field values shared by every encoding (tests look for them in the decoded trees). */
    static final String CUSTOMER = "Ada Lovelace";
    static final long ORDER_ID = 4711;

    private EncodingSamples() {
    }

    static String json() {
        return "{\"format\":\"json\",\"order\":" + ORDER_ID + ",\"customer\":\"" + CUSTOMER
                + "\",\"items\":[{\"sku\":\"pen\",\"qty\":3},{\"sku\":\"ink\",\"qty\":1}],\"express\":true}";
    }

    static byte[] msgpack() {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(5);
            p.packString("format").packString("msgpack");
            p.packString("order").packLong(ORDER_ID);
            p.packString("customer").packString(CUSTOMER);
            p.packString("items").packArrayHeader(2);
            p.packMapHeader(2).packString("sku").packString("pen").packString("qty").packInt(3);
            p.packMapHeader(2).packString("sku").packString("ink").packString("qty").packInt(1);
            p.packString("express").packBoolean(true);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] cbor() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("format", "cbor");
        order.put("order", ORDER_ID);
        order.put("customer", CUSTOMER);
        order.put("items", List.of(Map.of("sku", "pen", "qty", 3), Map.of("sku", "ink", "qty", 1)));
        order.put("express", true);
        try {
            return new ObjectMapper(new CBORFactory()).writeValueAsBytes(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** message Order { uint64 order = 1; string customer = 2; repeated Item items = 3; bool express = 4; }. */
    static byte[] protobuf() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeUInt64(1, ORDER_ID);
            out.writeString(2, CUSTOMER);
            out.writeByteArray(3, item("pen", 3));
            out.writeByteArray(3, item("ink", 1));
            out.writeBool(4, true);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] item(String sku, int qty) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, sku);
        out.writeInt32(2, qty);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
