package dev.framescope.decode.subprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.DecoderRegistry;
import dev.framescope.decode.PayloadDecoder;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every decoder against every prefix of every fixture, seeded mutations and hand-made hostile inputs. */
class HostileInputTest {

    private static final List<PayloadDecoder> DECODERS = SubprotocolDecoders.all();

    /** All fixtures, each as text and as binary, with and without each decoder's subprotocol. */
    private static List<DecodeInput> fixtures() {
        List<byte[]> payloads = new ArrayList<>();
        for (List<String> texts : List.of(Samples.SOCKET_IO, Samples.STOMP, Samples.GRAPHQL, Samples.JSON_RPC)) {
            texts.forEach(t -> payloads.add(t.getBytes(StandardCharsets.UTF_8)));
        }
        Samples.MQTT.forEach(h -> payloads.add(Samples.hex(h)));
        List<DecodeInput> inputs = new ArrayList<>();
        for (byte[] p : payloads) {
            inputs.add(DecodeInput.of(p, true));
            inputs.add(new DecodeInput(p, false, Optional.of("mqtt")));
        }
        return inputs;
    }

    @Test
    void everyPrefixOfEveryFixtureDecodesWithoutThrowing() {
        int checked = 0;
        for (DecodeInput fixture : fixtures()) {
            for (int n = 0; n <= fixture.bytes().length; n++) {
                DecodeInput prefix = new DecodeInput(Arrays.copyOf(fixture.bytes(), n), fixture.text(),
                        fixture.subprotocol());
                for (PayloadDecoder d : DECODERS) {
                    checkOne(d, prefix);
                    checked++;
                }
            }
        }
        assertTrue(checked > 10_000, "checked " + checked);
    }

    @Test
    void truncatedFixturesOfTheirOwnDecoderFailWithAnOffset() {
        // A strict prefix of a STOMP frame or MQTT packet is never complete: the failure must say where.
        StompDecoder stomp = new StompDecoder();
        byte[] send = Samples.STOMP.get(2).getBytes(StandardCharsets.UTF_8);
        for (int n = 1; n < send.length; n++) {
            Decoded d = stomp.decode(DecodeInput.of(Arrays.copyOf(send, n), true));
            assertFalse(d.complete(), "prefix " + n);
            assertTrue(d.failure().get().offset() <= n);
        }
        MqttDecoder mqtt = new MqttDecoder();
        for (String hex : Samples.MQTT.subList(0, Samples.MQTT.size() - 1)) {
            // (The last fixture holds two packets: its prefix at the boundary is one whole packet.)
            byte[] packet = Samples.hex(hex);
            for (int n = 1; n < packet.length; n++) {
                Decoded d = mqtt.decode(DecodeInput.of(Arrays.copyOf(packet, n), false));
                assertFalse(d.complete(), hex + " prefix " + n + " → " + d.tree());
                assertTrue(d.failure().get().offset() <= n, hex + " prefix " + n + " → " + d.failure().get());
            }
        }
    }

    @Test
    void seededMutationsNeverThrowAndAllocateLittle() {
        Random random = new Random(7);
        List<DecodeInput> fixtures = fixtures();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int cases = 0;
        for (int round = 0; round < 15; round++) {
            for (DecodeInput fixture : fixtures) {
                byte[] mutated = mutate(fixture.bytes(), random);
                DecodeInput input = new DecodeInput(mutated, fixture.text(), fixture.subprotocol());
                for (PayloadDecoder d : DECODERS) {
                    checkOne(d, input);
                }
                cases++;
            }
        }
        long perCase = (threads.getCurrentThreadAllocatedBytes() - before) / cases;
        // Lengths pushed to 0xFF.. claim up to 256 MiB; a decoder that allocated them would blow this bound.
        assertTrue(perCase < 256 * 1024, "allocated " + perCase + " bytes per case");
    }

    @Test
    void handMadeHostileInputs() {
        List<byte[]> hostile = List.of(
                Samples.hex("30 FF FF FF 7F FF FF"), Samples.hex("10 FF FF FF 7F 0004 4D515454 05 00 003C FF FF FF 7F"),
                Samples.hex("30 0A 0003 612f62 FF FF FF FF 7F"),
                Samples.hex("82 FF FF FF 7F 0001 FFFF"),
                Samples.hex("20 08 00 00 05 26 FFFF 0001"),
                "[".repeat(100_000).getBytes(StandardCharsets.UTF_8),
                ("42" + "[".repeat(5_000)).getBytes(StandardCharsets.UTF_8),
                ("SEND\ncontent-length:999999999999999999\n\n\0").getBytes(StandardCharsets.UTF_8),
                ("SEND\ncontent-length:9223372036854775807\n\nx\0").getBytes(StandardCharsets.UTF_8),
                ("42/" + "a".repeat(70_000)).getBytes(StandardCharsets.UTF_8),
                ("451" + "9".repeat(30) + "-[\"x\"]").getBytes(StandardCharsets.UTF_8),
                "{\"jsonrpc\":\"2.0\",\"id\":1e999999,\"result\":1}".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, new byte[0]);
        for (byte[] bytes : hostile) {
            for (PayloadDecoder d : DECODERS) {
                for (boolean text : new boolean[] {true, false}) {
                    checkOne(d, DecodeInput.of(bytes, text));
                    checkOne(d, new DecodeInput(bytes, text, Optional.of(d.id())));
                }
            }
        }
        Decoded deep = new JsonRpcDecoder().decode(DecodeInput.of(hostile.get(5), true));
        assertTrue(deep.failure().isPresent(), "100,000 nested arrays are refused, not recursed into");
    }

    @Test
    void theRegistryFindsEachDecoderByIdAndPicksItByDetection() {
        DecoderRegistry registry = DecoderRegistry.standard();
        for (String id : List.of("socketio", "stomp", "mqtt", "graphql", "jsonrpc")) {
            assertEquals(id, registry.byId(id).orElseThrow().id());
        }
        assertEquals("stomp", registry.detect(Samples.text(Samples.STOMP.get(2))).orElseThrow().id());
        assertEquals("socketio", registry.detect(Samples.text("42[\"chat\",\"hello\"]")).orElseThrow().id());
        assertEquals("jsonrpc", registry.detect(Samples.text(Samples.JSON_RPC.get(0))).orElseThrow().id());
        assertEquals("graphql", registry.detect(Samples.text(Samples.GRAPHQL.get(4))).orElseThrow().id());
        assertEquals("mqtt", registry.detect(Samples.mqtt("C0 00")).orElseThrow().id());
        assertEquals("mqtt", registry.detect(Samples.binary(Samples.MQTT.get(0))).orElseThrow().id());
        assertEquals("stomp", registry.detect(Samples.text("{\"x\":1}", "v12.stomp")).orElseThrow().id());
    }

    private static void checkOne(PayloadDecoder d, DecodeInput input) {
        int score = d.detect(input);
        assertTrue(score >= 0 && score <= 100, d.id() + " score " + score);
        Decoded decoded = d.decode(input);
        assertNotNull(decoded.tree());
        assertEquals(d.id(), decoded.decoderId());
        decoded.failure().ifPresent(f -> assertTrue(f.offset() >= 0 && f.offset() <= input.bytes().length,
                d.id() + " offset " + f.offset() + " of " + input.bytes().length + ": " + f.reason()));
        decoded.failure().ifPresent(f -> assertFalse(f.reason().isBlank()));
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.length == 0 ? new byte[1] : original.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) 0xFF;
                case 2 -> b[at] = (byte) random.nextInt(256);
                default -> b = Arrays.copyOf(b, Math.max(1, at));
            }
        }
        return b;
    }
}
