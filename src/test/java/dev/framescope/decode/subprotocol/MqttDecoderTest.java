package dev.framescope.decode.subprotocol;

import static dev.framescope.decode.subprotocol.Samples.binary;
import static dev.framescope.decode.subprotocol.Samples.mqtt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framescope.decode.Decoded;
import org.junit.jupiter.api.Test;

class MqttDecoderTest {

    private final MqttDecoder mqtt = new MqttDecoder();

    private Decoded ok(String hex) {
        Decoded d = mqtt.decode(mqtt(hex));
        assertTrue(d.complete(), () -> hex + " → " + d.failure() + " " + d.tree());
        return d;
    }

    @Test
    void connect311() {
        Decoded d = ok("10 0F 0004 4D515454 04 02 003C 0003 667331");
        JsonNode t = d.tree();
        assertEquals("CONNECT", t.get("type").asText());
        assertEquals("0000", t.get("flags").asText());
        assertEquals(15, t.get("remainingLength").asInt());
        assertEquals("MQTT 3.1.1", t.get("version").asText());
        assertEquals("fs1", t.get("clientId").asText());
        assertEquals(60, t.get("keepAlive").asInt());
        assertTrue(t.get("cleanSession").asBoolean());
        assertEquals("MQTT CONNECT client=fs1 v3.1.1", d.summary().orElseThrow());
    }

    @Test
    void connect5WithPropertiesHidesThePassword() {
        Decoded d = ok(Samples.MQTT.get(1));
        JsonNode t = d.tree();
        assertEquals("MQTT 5.0", t.get("version").asText());
        assertEquals(30, t.at("/properties/sessionExpiryInterval").asInt());
        assertEquals(10, t.at("/properties/receiveMaximum").asInt());
        assertEquals("user", t.get("username").asText());
        assertEquals("[2 bytes]", t.get("password").asText());
    }

    @Test
    void connectWithWill() {
        JsonNode t = ok(Samples.MQTT.get(2)).tree();
        assertEquals(1, t.get("willQoS").asInt());
        assertTrue(t.get("willRetain").asBoolean());
        assertEquals("w", t.get("willTopic").asText());
        assertEquals("bye", t.get("willPayload").asText());
    }

    @Test
    void connackBothVersions() {
        Decoded v3 = ok("20 02 01 05");
        assertEquals("MQTT 3.1.1", v3.tree().get("version").asText());
        assertTrue(v3.tree().get("sessionPresent").asBoolean());
        assertEquals("MQTT CONNACK rc=5 (not authorized)", v3.summary().orElseThrow());
        Decoded v5 = ok("20 06 00 00 03 22 000A");
        assertEquals("MQTT 5.0", v5.tree().get("version").asText());
        assertEquals(10, v5.tree().at("/properties/topicAliasMaximum").asInt());
    }

    @Test
    void publish311WithPacketId() {
        Decoded d = ok("32 11 0009 73656e736f72732f74 0007 32312e35");
        JsonNode t = d.tree();
        assertEquals("sensors/t", t.get("topic").asText());
        assertEquals(1, t.get("qos").asInt());
        assertEquals(7, t.get("packetId").asInt());
        assertEquals("21.5", t.get("payload").asText());
        assertEquals("MQTT 3.1.1", t.get("version").asText());
        assertEquals("MQTT PUBLISH sensors/t QoS1 id=7", d.summary().orElseThrow());
    }

    @Test
    void publish5PropertiesAreRecognisedByTheirIdentifiers() {
        JsonNode t = ok(Samples.MQTT.get(7)).tree();
        assertEquals("MQTT 5.0", t.get("version").asText());
        assertTrue(t.get("versionGuessed").asBoolean());
        assertEquals("application/json", t.at("/properties/contentType").asText());
        assertEquals("{\"t\":1}", t.get("payload").asText());
    }

    @Test
    void subscribeSubackUnsubscribe() {
        Decoded sub = ok("82 0E 0001 0009 73656e736f72732f23 01");
        assertEquals("MQTT SUBSCRIBE id=1 sensors/# QoS1", sub.summary().orElseThrow());
        Decoded sub5 = ok("82 0D 0001 00 0007 612f622f632f64 15");
        assertEquals("MQTT 5.0", sub5.tree().get("version").asText());
        assertTrue(sub5.tree().at("/subscriptions/0/noLocal").asBoolean());
        assertEquals(1, sub5.tree().at("/subscriptions/0/retainHandling").asInt());
        Decoded suback = ok("90 03 0001 01");
        assertEquals("Granted QoS 1", suback.tree().at("/reasonCodes/0/reason").asText());
        assertEquals("a/b/c/d", ok("A2 0B 0002 0007 612f622f632f64").tree().at("/topicFilters/0").asText());
        assertEquals("No subscription existed", ok("B0 04 0002 00 11").tree().at("/reasonCodes/0/reason").asText());
    }

    @Test
    void pingsAndDisconnects() {
        assertEquals("MQTT PINGREQ", ok("C0 00").summary().orElseThrow());
        assertEquals("MQTT PINGRESP", ok("D0 00").summary().orElseThrow());
        assertEquals("MQTT 3.1.1 / MQTT 5.0", ok("C0 00").tree().get("version").asText());
        assertEquals("Session taken over", ok("E0 01 8E").tree().get("reason").asText());
        assertEquals(7, ok("40 02 0007").tree().get("packetId").asInt());
    }

    @Test
    void severalPacketsInOneMessage() {
        Decoded d = ok("D0 00 40 02 0009");
        assertEquals(2, d.tree().get("packets").size());
        assertEquals("PUBACK", d.tree().at("/packets/1/type").asText());
        assertEquals("MQTT PINGRESP +1 more", d.summary().orElseThrow());
    }

    @Test
    void remainingLengthOfFiveBytesIsMalformed() {
        Decoded d = mqtt.decode(binary("30 FF FF FF FF 7F"));
        assertEquals(1, d.failure().orElseThrow().offset());
        assertEquals("MQTT remaining length uses more than 4 bytes (MQTT 3.1.1 §2.2.3)",
                d.failure().orElseThrow().reason());
    }

    @Test
    void remainingLengthBeyondTheInputStopsWithoutAllocatingIt() {
        Decoded d = mqtt.decode(binary("30 FF FF FF 7F 0003 612f62"));
        assertEquals(268_435_455, d.tree().get("remainingLength").asLong());
        assertEquals(10, d.failure().orElseThrow().offset());
        assertTrue(d.failure().orElseThrow().reason().contains("exceeds the 5 bytes present"),
                d.failure().orElseThrow().reason());
        assertEquals("a/b", d.tree().get("topic").asText(), "what could be read is kept");
    }

    @Test
    void brokenRulesAreNamed() {
        assertFailure("36 05 0001 61 0001", 0, "QoS 3");
        assertFailure("80 06 0001 0001 61 00", 0, "must be 0010");
        assertFailure("30 05 FFFF 616263", 4, "topic name needs 65535 byte(s)");
        assertFailure("C0 01 00", 2, "must be 0");
        assertFailure("00 00", 0, "packet type 0 is reserved");
        assertFailure("10 0F 0004 4D515459 04 02 003C 0003 667331", 8, "neither MQTT 4");
        assertFailure("32 05 0001 61 0000", 5, "packet identifier 0");
        assertFailure("30 06 0003 612f23 00", 2, "wildcard");
    }

    @Test
    void theVersionIsGuessedWhereFiveZeroPutsItsProperties() {
        // 3.1.1 SUBSCRIBE: the filter length's high byte 00 reads as an empty property section, but no filter fits
        // after it, so the packet is 3.1.1 and its broken filter is explained in 3.1.1 terms.
        assertFailure("82 0E 0001 0009 73006e736f72732f23 01", 4, "topic filter contains U+0000");
        // A 5.0 CONNACK with an unknown property: the 5.0 reading got further, so its reason is the one given.
        assertFailure("20 05 00 00 02 7F 00", 5, "property 0x7f is unknown");
        JsonNode v3 = ok("20 02 00 00").tree();
        assertTrue(v3.get("versionGuessed").asBoolean());
        assertFalse(v3.has("properties"), "a refused 5.0 reading leaves nothing behind");
        assertFalse(ok("F0 00").tree().has("versionGuessed"), "AUTH exists only in MQTT 5.0");
    }

    @Test
    void detectionNeedsTheSubprotocolOrAnExactFixedHeader() {
        assertEquals(100, mqtt.detect(mqtt("C0 00")));
        assertEquals(90, mqtt.detect(binary(Samples.MQTT.get(0))));
        assertTrue(mqtt.detect(binary("32 11 0009 73656e736f72732f74 0007 32312e35")) > 0);
        assertEquals(0, mqtt.detect(binary("32 12 0009 73656e736f72732f74 0007 32312e35")), "one byte short");
        assertEquals(0, mqtt.detect(Samples.text("{\"a\":1}")));
        assertEquals(0, mqtt.detect(binary("00 01 02 03")));
    }

    private void assertFailure(String hex, long offset, String reasonPart) {
        Decoded d = mqtt.decode(binary(hex));
        assertFalse(d.complete(), hex + " decoded: " + d.tree());
        assertTrue(d.failure().orElseThrow().reason().contains(reasonPart),
                hex + " → " + d.failure().orElseThrow());
        assertEquals(offset, d.failure().orElseThrow().offset(), hex + " → " + d.failure().orElseThrow());
    }
}
