package dev.framescope.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDecodersTest {

    private final DecoderRegistry registry = DecoderRegistry.standard();

    private Decoded as(String id, byte[] bytes, boolean text) {
        return registry.decode(new DecodeInput(bytes, text, Optional.empty()), Optional.of(id));
    }

    private Decoded auto(byte[] bytes, boolean text) {
        return registry.decode(new DecodeInput(bytes, text, Optional.empty()), Optional.empty());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyFormatDecoderIsRegisteredUnderItsId() {
        for (String id : List.of("json", "xml", "text", "hex", "base64", "msgpack", "cbor", "protobuf")) {
            assertTrue(registry.byId(id).isPresent(), id);
        }
    }

    @Test
    void msgpackFromMsgpackCore() throws Exception {
        Decoded d = as("msgpack", DecodeFixtures.msgpack(), false);
        assertTrue(d.complete(), d.failure().toString());
        JsonNode t = d.tree();
        assertEquals("café", t.get("name").asText());
        assertEquals(-5, t.get("n").asLong());
        assertEquals("18446744073709551615", t.get("big").bigIntegerValue().toString());
        assertEquals(2.5, t.get("list").get(1).asDouble());
        assertTrue(t.get("list").get(2).asBoolean());
        assertTrue(t.get("list").get(3).isNull());
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, t.get("list").get(4).binaryValue().clone());
        assertEquals(DecodeFixtures.STAMP.toString(), t.get("at").asText());
        assertEquals("msgpack", auto(DecodeFixtures.msgpack(), false).decoderId());
    }

    @Test
    void cborFromJackson() {
        Decoded d = as("cbor", DecodeFixtures.cbor(), false);
        assertTrue(d.complete(), d.failure().toString());
        assertEquals("t-1", d.tree().get("sensor").asText());
        assertEquals(21.5, d.tree().get("values").get(0).asDouble());
        assertEquals(1_000_000, d.tree().get("values").get(2).asInt());
        assertTrue(d.tree().get("ok").asBoolean());
        assertEquals("cbor", auto(DecodeFixtures.cbor(), false).decoderId());
    }

    @Test
    void protobufSchemalessReadsFieldNumbersLikeDecodeRaw() {
        Decoded d = as("protobuf", DecodeFixtures.protobuf(), false);
        assertTrue(d.complete(), d.failure().toString());
        JsonNode t = d.tree();
        assertEquals("9223372036854775813", t.get("1").bigIntegerValue().toString());
        assertEquals("Ada", t.get("2").asText());
        assertEquals(2, t.get("3").size(), "repeated nested messages: " + t);
        assertEquals("pen", t.get("3").get(0).get("1").asText());
        assertEquals(3, t.get("3").get(0).get("2").asInt());
        assertTrue(t.get("4").asText().startsWith("0x4029000000000000"), t.get("4").asText());
        assertEquals(2, t.get("5").asInt());
        assertTrue(t.get("6").isBinary());
    }

    @Test
    void protobufTypedThroughDescriptorSet() {
        ProtobufSchema schema = ProtobufSchema.load("order.desc", DecodeFixtures.descriptorSet(), "demo.Order");
        DecoderRegistry typed = registry.withProtobufSchema(schema);
        Decoded d = typed.decode(DecodeInput.of(DecodeFixtures.protobuf(), false), Optional.empty());
        assertEquals(ProtobufTypedDecoder.ID, d.decoderId(), "auto picks the user's schema");
        assertTrue(d.complete(), d.failure().toString());
        JsonNode t = d.tree();
        assertEquals("9223372036854775813", t.get("id").bigIntegerValue().toString());
        assertEquals("Ada", t.get("customer").asText());
        assertEquals("ink", t.get("items").get(1).get("label").asText());
        assertEquals(12.5, t.get("total").asDouble());
        assertEquals("EXPRESS", t.get("kind").asText());
        assertEquals(List.of("demo.Item", "demo.Order"), ProtobufSchema.messageTypes(DecodeFixtures.descriptorSet()));
        assertEquals("demo.Order", ProtobufSchema.load("x", DecodeFixtures.descriptorSet(), "Order").type().getFullName());
    }

    @Test
    void protobufSchemaErrorsNameTheProblem() {
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProtobufSchema.load("order.desc", DecodeFixtures.descriptorSet(), "demo.Nope"));
        assertTrue(unknown.getMessage().contains("demo.Order"), unknown.getMessage());
        IllegalArgumentException missingDep = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ProtobufSchema.load("d", com.google.protobuf.DescriptorProtos
                        .FileDescriptorSet.newBuilder().addFile(DecodeFixtures.orderProto().toBuilder()
                                .addDependency("other.proto")).build().toByteArray(), "demo.Order"));
        assertTrue(missingDep.getMessage().contains("--include_imports"), missingDep.getMessage());
    }

    @Test
    void base64WrappedWithAnyWhitespaceDecodesAsUnwrapped() {
        String b64 = Base64.getEncoder().encodeToString(DecodeFixtures.msgpack());
        Decoded plain = auto(utf8(b64), true);
        for (String gap : List.of(" ", "\t", "\n", "\u000b", "\f", "\r\n")) {
            String wrapped = b64.substring(0, 8) + gap + b64.substring(8, 16) + gap + b64.substring(16);
            Decoded d = auto(utf8(wrapped), true);
            assertEquals("base64", d.decoderId(), "gap " + gap.codePointAt(0));
            assertEquals(plain.tree(), d.tree(), "gap " + gap.codePointAt(0));
        }
    }

    @Test
    void jsonXmlTextAndBase64() {
        Decoded json = auto(utf8("{\"a\": [1, {\"b\": null}]}"), true);
        assertEquals("json", json.decoderId());
        assertEquals(1, json.tree().get("a").get(0).asInt());

        Decoded xml = auto(utf8("<order id=\"7\"><item>pen</item><item>ink</item><note/></order>"), true);
        assertEquals("xml", xml.decoderId());
        assertEquals("7", xml.tree().get("order").get("@id").asText());
        assertEquals("ink", xml.tree().get("order").get("item").get(1).asText());

        assertEquals("text", auto(utf8("hello there"), true).decoderId());

        String b64 = Base64.getEncoder().encodeToString(DecodeFixtures.msgpack());
        Decoded base64 = auto(utf8(b64), true);
        assertEquals("base64", base64.decoderId());
        assertEquals("msgpack", base64.tree().get("decodedAs").asText());
        assertEquals("café", base64.tree().get("value").get("name").asText());
        assertEquals("hex", auto(new byte[] {(byte) 0xc1, 0, 0}, false).decoderId(), "unrecognised binary → hex");
    }

    @Test
    void damagedXmlKeepsTheElementsBeforeTheDamage() {
        byte[] b = utf8("<a><b>1</b>\n<c x=\"2\"><d>3</d></a>");
        Decoded d = as("xml", b, true);
        assertEquals("1", d.tree().get("a").get("b").asText(), d.tree().toString());
        assertEquals("3", d.tree().get("a").get("c").get("d").asText(), d.tree().toString());
        DecodeFailure f = d.failure().orElseThrow();
        assertTrue(f.offset() > 20 && f.offset() <= b.length, f.toString());
        assertEquals(0, registry.byId("xml").orElseThrow().detect(DecodeInput.of(b, false)), "damaged XML scores 0");
    }

    @Test
    void invalidUtf8IsReportedWithItsOffset() {
        Decoded d = as("text", new byte[] {'o', 'k', (byte) 0xc3, 0x28}, true);
        assertEquals(2, d.failure().orElseThrow().offset());
        assertTrue(d.tree().asText().startsWith("ok"));
    }

    @Test
    void damagedJsonKeepsWhatWasDecoded() {
        byte[] b = utf8("{\"a\": 1, \"b\": [1, 2, }");
        Decoded d = as("json", b, true);
        assertEquals(1, d.tree().get("a").asInt());
        assertEquals(2, d.tree().get("b").size());
        DecodeFailure f = d.failure().orElseThrow();
        assertEquals(b.length - 1, f.offset(), f.toString());
    }

    /** Every strict prefix of every fixture: never throws, reports a failure inside the input, keeps a tree. */
    @Test
    void everyPrefixOfEveryFixtureFailsCleanly() {
        // alwaysIncomplete: no strict prefix is itself valid. Protobuf prefixes that end on a field boundary are
        // valid messages, and unpadded base64 is valid base64 whose content auto-detection then shows as hex.
        record Case(String id, byte[] bytes, boolean alwaysIncomplete) {
        }
        DecoderRegistry typed = registry.withProtobufSchema(
                ProtobufSchema.load("order.desc", DecodeFixtures.descriptorSet(), "demo.Order"));
        List<Case> cases = List.of(new Case("msgpack", DecodeFixtures.msgpack(), true),
                new Case("cbor", DecodeFixtures.cbor(), true),
                new Case("json", utf8("{\"a\":[1,2.5,\"x\",{\"b\":true}]}"), true),
                new Case("xml", utf8("<a x=\"1\"><b>t</b><c/></a>"), true),
                new Case("protobuf", DecodeFixtures.protobuf(), false),
                new Case(ProtobufTypedDecoder.ID, DecodeFixtures.protobuf(), false),
                new Case("base64", utf8(Base64.getEncoder().encodeToString(DecodeFixtures.cbor())), false));
        for (Case c : cases) {
            int failures = 0;
            for (int n = 0; n < c.bytes().length; n++) {
                byte[] prefix = java.util.Arrays.copyOf(c.bytes(), n);
                Decoded d = typed.byId(c.id()).orElseThrow().decode(DecodeInput.of(prefix, false));
                assertTrue(d.tree() != null, c.id());
                if (d.failure().isPresent()) {
                    failures++;
                    long at = d.failure().get().offset();
                    assertTrue(at >= 0 && at <= n, c.id() + " prefix " + n + ": offset " + at);
                }
                if (c.alwaysIncomplete()) {
                    assertFalse(d.complete(), c.id() + " prefix of " + n + " bytes decoded as complete");
                }
            }
            if (!c.id().equals("base64")) {
                assertTrue(failures > c.bytes().length / 2, c.id() + ": only " + failures + " prefixes failed");
            }
        }
    }

    @Test
    void truncatedMsgpackKeepsTheMembersBeforeTheCut() {
        byte[] all = DecodeFixtures.msgpack();
        Decoded d = as("msgpack", java.util.Arrays.copyOf(all, all.length - 4), false);
        assertEquals("café", d.tree().get("name").asText());
        assertTrue(d.failure().orElseThrow().reason().contains("claims") || d.failure().get().reason()
                .contains("ended"), d.failure().get().reason());
    }

    @Test
    void hugeClaimedLengthsAllocateNothing() {
        List<String[]> cases = List.of(
                new String[] {"msgpack", "db ffffffff 61 62"},      // str32 of 4 GiB
                new String[] {"msgpack", "c6 7fffffff 00"},         // bin32 of 2 GiB
                new String[] {"msgpack", "dd ffffffff 01"},         // array32 of 4 G elements
                new String[] {"msgpack", "c9 7fffffff 05 00"},      // ext32 of 2 GiB
                new String[] {"cbor", "5b 00000001 00000000 00"},   // bytes of 4 GiB
                new String[] {"cbor", "7a 7fffffff 61"},            // text of 2 GiB
                new String[] {"cbor", "9b 00000000 ffffffff 01"},   // array of 4 G items
                new String[] {"protobuf", "0a ffffffff0f 00"},       // length-delimited 4 GiB
                new String[] {ProtobufTypedDecoder.ID, "12 ffffffff07 00"});
        DecoderRegistry typed = registry.withProtobufSchema(
                ProtobufSchema.load("order.desc", DecodeFixtures.descriptorSet(), "demo.Order"));
        for (String[] c : cases) {
            byte[] bytes = java.util.HexFormat.of().parseHex(c[1].replace(" ", ""));
            Decoded d = typed.byId(c[0]).orElseThrow().decode(DecodeInput.of(bytes, false));
            DecodeFailure f = d.failure().orElseThrow(() -> new AssertionError(c[0] + " " + c[1] + " decoded"));
            assertTrue(f.offset() <= bytes.length, c[1] + ": " + f);
            if (c[0].equals("msgpack") || c[0].equals("protobuf")) {
                // Our own readers name the claim; Jackson's CBOR parser only says the input ended.
                assertTrue(f.reason().matches(".*\\d.*"), "the reason names the claimed length: " + f);
            }
        }
    }

    @Test
    void deepNestingStopsAtTheCap() {
        int n = 5_000;
        List<String[]> cases = List.of(
                new String[] {"msgpack", "91".repeat(n) + "01"},
                new String[] {"cbor", "81".repeat(n) + "01"},
                new String[] {"protobuf", "0b".repeat(n)});
        for (String[] c : cases) {
            Decoded d = as(c[0], java.util.HexFormat.of().parseHex(c[1]), false);
            assertTrue(d.failure().orElseThrow().reason().contains("deeper than " + Trees.MAX_DEPTH),
                    c[0] + ": " + d.failure());
        }
        Decoded json = as("json", utf8("[".repeat(n)), true);
        assertTrue(json.failure().orElseThrow().reason().contains("deeper than") || json.failure().get().reason()
                .contains("nesting depth"), json.failure().toString());
        Decoded xml = as("xml", utf8("<a>".repeat(n)), true);
        assertTrue(xml.failure().orElseThrow().reason().contains("deeper than " + Trees.MAX_DEPTH), xml.failure()
                .toString());
        // A length-delimited field nested 5,000 deep is shown as bytes past the cap, not recursed into.
        byte[] nested = new byte[0];
        for (int i = 0; i < 300; i++) {
            byte[] wrap = new byte[nested.length + 4];
            wrap[0] = 0x0a;
            int len = nested.length;
            int at = 1;
            do {
                wrap[at++] = (byte) (len > 127 ? (len & 0x7f) | 0x80 : len);
                len >>>= 7;
            } while (len > 0);
            System.arraycopy(nested, 0, wrap, at, nested.length);
            nested = java.util.Arrays.copyOf(wrap, at + nested.length);
        }
        assertTrue(as("protobuf", nested, false).complete());
    }

    @Test
    void xmlRefusesDoctypesSoNoEntityIsExpandedOrFetched(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY s SYSTEM \"" + secret.toUri()
                    + "\"><!ENTITY % p SYSTEM \"http://127.0.0.1:" + listener.getLocalPort() + "/x\"> %p;]><r>&s;</r>";
            Decoded d = as("xml", utf8(xxe), true);
            assertFalse(d.tree().toString().contains("TOP-SECRET"), d.tree().toString());
            assertTrue(d.failure().orElseThrow().reason().contains("DOCTYPE"), d.failure().toString());
            listener.setSoTimeout(1);
            org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class, listener::accept,
                    "the parser connected to the external entity's URL");
        }
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";")
                    .repeat(10)).append("\">");
        }
        laughs.append("]><lolz>&lol9;</lolz>");
        Decoded bomb = as("xml", utf8(laughs.toString()), true);
        assertTrue(bomb.failure().isPresent());
        assertTrue(bomb.tree().toString().length() < 100, bomb.tree().toString());
    }

    @Test
    void detectionScoresStayOrdered() {
        DecodeInput textJson = new DecodeInput(utf8("{\"x\":1}"), true, Optional.empty());
        assertTrue(registry.byId("json").orElseThrow().detect(textJson)
                > registry.byId("text").orElseThrow().detect(textJson));
        DecodeInput binaryText = DecodeInput.of(utf8("plain words"), false);
        assertEquals("text", registry.decode(binaryText, Optional.empty()).decoderId());
        for (PayloadDecoder d : registry.decoders()) {
            int score = d.detect(DecodeInput.of(DecodeFixtures.msgpack(), false));
            assertTrue(score < 100, d.id() + " claims certainty about a msgpack map: " + score);
        }
        assertEquals(0, registry.byId("msgpack").orElseThrow().detect(textJson), "text frames are not msgpack");
    }

    @Test
    void aThrowingDecoderBecomesAFailure() {
        PayloadDecoder broken = new PayloadDecoder() {
            public String id() {
                return "broken";
            }

            public String label() {
                return "Broken";
            }

            public int detect(DecodeInput input) {
                throw new IllegalStateException("detect bug");
            }

            public Decoded decode(DecodeInput input) {
                throw new IllegalStateException("decode bug");
            }
        };
        DecoderRegistry r = new DecoderRegistry(List.of(broken, new HexDecoder()));
        assertEquals("hex", r.decode(DecodeInput.of(new byte[] {1}, false), Optional.empty()).decoderId());
        Decoded d = r.decode(DecodeInput.of(new byte[] {1}, false), Optional.of("broken"));
        assertTrue(d.failure().orElseThrow().reason().contains("decode bug"));
    }
}
