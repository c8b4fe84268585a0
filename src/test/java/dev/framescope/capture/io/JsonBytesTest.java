package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.decode.DecodeFixtures;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JsonBytes} writes the bytes of Jackson's {@code toString()}, and {@link DecodedJson#write} those of its tree. */
class JsonBytesTest {

    /** What the export writes for a tree: {@code toString()} as UTF-8 (a lone surrogate becomes '?'). */
    private static String jackson(JsonNode node) {
        return new String(node.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String written(JsonNode node) {
        JsonBytes out = new JsonBytes();
        out.node(node);
        return new String(Arrays.copyOf(out.array(), out.size()), StandardCharsets.UTF_8);
    }

    @Test
    void everyKindOfNodeIsWrittenAsJacksonWritesIt() {
        JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
        ObjectNode tree = f.objectNode();
        tree.put("controls", "\u0000\u0001\b\t\n\u000b\f\r\u001f \" \\ / \u007f");
        tree.put("unicode", "é ✓ 😀 \u2028 lone \ud800 high, lone \udc00 low");
        tree.put("int", -7).put("long", Long.MIN_VALUE).put("short", (short) 3).put("double", 2.5e-7)
                .put("float", 1.1f).put("big", new BigInteger("18446744073709551615"))
                .put("decimal", new BigDecimal("1.50E+3")).put("bool", true).putNull("null")
                .put("binary", new byte[] {0, 1, (byte) 0xff});
        tree.putArray("array").add(1).add("x").addArray();
        tree.putObject("empty");
        tree.put("", "empty key").put("k\"ey\n", "escaped key");
        assertEquals(jackson(tree), written(tree));
        for (JsonNode scalar : List.of(f.textNode(""), f.numberNode(0), f.nullNode(), f.booleanNode(false))) {
            assertEquals(jackson(scalar), written(scalar));
        }
    }

    @Test
    void decodedPayloadsAreWrittenAsTheirTreeIs() {
        Random r = new Random(15);
        List<byte[]> payloads = new java.util.ArrayList<>(List.of(DecodeFixtures.msgpack(), DecodeFixtures.cbor(),
                DecodeFixtures.protobuf(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                "aGVsbG8gd29ybGQ=".getBytes(StandardCharsets.UTF_8), "<a b='1'>t</a>".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            payloads.add(b);
        }
        JsonBytes out = new JsonBytes();
        for (byte[] b : payloads) {
            for (boolean text : new boolean[] {true, false}) {
                Decoded d = DecodedJson.decode(new DecodeInput(b, text, Optional.empty()));
                out.reset();
                DecodedJson.write(d, out);
                assertEquals(jackson(DecodedJson.toJson(d)),
                        new String(Arrays.copyOf(out.array(), out.size()), StandardCharsets.UTF_8));
            }
        }
    }
}
