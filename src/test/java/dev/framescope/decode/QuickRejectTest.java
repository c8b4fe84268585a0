package dev.framescope.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cheap negatives in front of the parsers ({@link QuickReject}, protobuf's skim, JSON's shape check) never
 * reject bytes the full decoder accepts, and the registry's reuse of a detection's decode gives what decoding
 * afresh gives: detection results are unchanged by them.
 */
class QuickRejectTest {

    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ,:{}[]\"-.+eE\t\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** Random bytes, bench-like text, its base64 decoded, and the real fixtures cut, extended and mutated. */
    static List<byte[]> corpus() {
        Random r = new Random(6455);
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(33)];
            r.nextBytes(b);
            all.add(b);
            byte[] text = new byte[1 + r.nextInt(24)];
            for (int k = 0; k < text.length; k++) {
                text[k] = ALPHABET[r.nextInt(ALPHABET.length)];
            }
            all.add(text);
            String clean = new String(text, StandardCharsets.US_ASCII).replaceAll("[^a-z0-9]", "");
            all.add(Base64.getDecoder().decode(clean.substring(0, clean.length() - clean.length() % 4)));
        }
        for (byte[] fixture : List.of(DecodeFixtures.msgpack(), DecodeFixtures.cbor(), DecodeFixtures.protobuf(),
                "{\"a\": [1, -2.5e3, true, null, \"x\"]}".getBytes(StandardCharsets.UTF_8),
                " 42 ".getBytes(StandardCharsets.UTF_8), "\"s\"".getBytes(StandardCharsets.UTF_8))) {
            for (int n = 0; n <= fixture.length; n++) {
                all.add(Arrays.copyOf(fixture, n));
                byte[] longer = Arrays.copyOf(fixture, n + 1);
                longer[n] = (byte) r.nextInt(256);
                all.add(longer);
            }
            for (int i = 0; i < 2_000; i++) {
                byte[] mutated = fixture.clone();
                mutated[r.nextInt(mutated.length)] = (byte) r.nextInt(256);
                all.add(mutated);
            }
        }
        return all;
    }

    @Test
    void aRejectedPayloadNeverDecodes() {
        MsgpackDecoder msgpack = new MsgpackDecoder();
        CborDecoder cbor = new CborDecoder();
        ProtobufRawDecoder protobuf = new ProtobufRawDecoder();
        JsonDecoder json = new JsonDecoder();
        int[] rejected = new int[4];
        List<byte[]> corpus = corpus();
        for (byte[] b : corpus) {
            DecodeInput in = DecodeInput.of(b, false);
            String hex = HexFormat.of().formatHex(b);
            if (b.length > 0 && QuickReject.notMsgpack(b)) {
                rejected[0]++;
                assertFalse(msgpack.decode(in).complete(), "MessagePack rejected but decodes: " + hex);
            }
            if (b.length > 0 && QuickReject.notCbor(b)) {
                rejected[1]++;
                assertFalse(cbor.decode(in).complete(), "CBOR rejected but decodes: " + hex);
            }
            Decoded p = b.length > 0 ? protobuf.decode(in) : null;
            if (p != null) {
                assertEquals(p.complete() && p.tree().size() > 0, ProtobufRawDecoder.Walker.fields(b),
                        "protobuf's skim and its decode agree: " + hex);
                rejected[2] += ProtobufRawDecoder.Walker.fields(b) ? 0 : 1;
            }
            int first = JsonDecoder.firstNonSpace(b);
            if (first >= 0 && !JsonDecoder.mayBeOneValue(b, first)) {
                rejected[3]++;
                assertFalse(json.decode(in).complete(), "JSON rejected but decodes: " + hex);
            }
        }
        for (int n : rejected) {
            assertTrue(n > corpus.size() / 4, "each check rejects most of the corpus: " + Arrays.toString(rejected));
        }
    }

    /** Every one- and two-byte tail after a whole item (tags at the very end are what Jackson lets through). */
    @Test
    void cborTailsAfterAnItem() {
        CborDecoder cbor = new CborDecoder();
        int rejected = 0;
        for (int x = 0; x < 256; x++) {
            for (int y = -1; y < 256; y++) {
                byte[] b = y < 0 ? new byte[] {0x01, (byte) x} : new byte[] {0x01, (byte) x, (byte) y};
                boolean decodes = cbor.decode(DecodeInput.of(b, false)).complete();
                if (QuickReject.notCbor(b)) {
                    rejected++;
                    assertFalse(decodes, "CBOR rejected but decodes: " + HexFormat.of().formatHex(b));
                }
            }
        }
        assertTrue(rejected > 60_000, "most tails are rejected: " + rejected);
    }

    @Test
    void realPayloadsPass() {
        assertFalse(QuickReject.notMsgpack(DecodeFixtures.msgpack()));
        assertFalse(QuickReject.notCbor(DecodeFixtures.cbor()));
        assertTrue(ProtobufRawDecoder.Walker.fields(DecodeFixtures.protobuf()));
        byte[] json = " {\"a\": 1} \n".getBytes(StandardCharsets.UTF_8);
        assertTrue(JsonDecoder.mayBeOneValue(json, JsonDecoder.firstNonSpace(json)));
    }

    @Test
    void theRegistryDecodesWhatTheDetectedDecoderDecodes() {
        DecoderRegistry registry = DecoderRegistry.standard();
        for (byte[] b : corpus().subList(0, 30_000)) {
            for (boolean text : new boolean[] {true, false}) {
                DecodeInput in = DecodeInput.of(b, text);
                Decoded afresh = registry.detect(in).map(d -> d.decode(in))
                        .orElseGet(() -> registry.byId(text ? "text" : "hex").orElseThrow().decode(in));
                assertEquals(afresh, registry.decode(in, Optional.empty()), HexFormat.of().formatHex(b));
            }
        }
    }
}
