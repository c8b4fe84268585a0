package dev.framescope.decode.subprotocol;

import static dev.framescope.decode.subprotocol.MqttCodes.AUTH;
import static dev.framescope.decode.subprotocol.MqttCodes.CONNACK;
import static dev.framescope.decode.subprotocol.MqttCodes.CONNECT;
import static dev.framescope.decode.subprotocol.MqttCodes.DISCONNECT;
import static dev.framescope.decode.subprotocol.MqttCodes.PINGREQ;
import static dev.framescope.decode.subprotocol.MqttCodes.PINGRESP;
import static dev.framescope.decode.subprotocol.MqttCodes.PUBLISH;
import static dev.framescope.decode.subprotocol.MqttCodes.PUBREL;
import static dev.framescope.decode.subprotocol.MqttCodes.SUBACK;
import static dev.framescope.decode.subprotocol.MqttCodes.SUBSCRIBE;
import static dev.framescope.decode.subprotocol.MqttCodes.TYPES;
import static dev.framescope.decode.subprotocol.MqttCodes.UNSUBACK;
import static dev.framescope.decode.subprotocol.MqttCodes.UNSUBSCRIBE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.decode.DecodeFailure;
import dev.framescope.decode.DecodeInput;
import dev.framescope.decode.Decoded;
import dev.framescope.decode.PayloadDecoder;
import dev.framescope.decode.subprotocol.MqttReader.Malformed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MQTT 3.1.1 and 5.0 control packets carried in binary WebSocket messages (MQTT 3.1.1 §6, MQTT 5.0 §6: a message
 * may hold several packets). Only CONNECT says which version is spoken; for other packets a stateless decoder
 * guesses: MQTT 5.0 when its property section reads cleanly with only the properties that packet may carry,
 * else 3.1.1, and says in the tree that it guessed.
 */
public final class MqttDecoder implements PayloadDecoder {

    private static final String V3 = "MQTT 3.1.1";
    private static final String V5 = "MQTT 5.0";

    @Override
    public String id() {
        return "mqtt";
    }

    @Override
    public String label() {
        return "MQTT";
    }

    @Override
    public int detect(DecodeInput input) {
        if (Subprotocols.names(input, "mqtt", "mqttv3.1", "mqttv5")) {
            return 100;
        }
        byte[] b = input.bytes();
        if (input.text() || b.length < 2) {
            return 0;
        }
        int type = (b[0] >> 4) & 0x0F;
        if (type == 0 || !flagsValid(type, b[0] & 0x0F)) {
            return 0;
        }
        MqttReader r = new MqttReader(b, 1, b.length, "");
        try {
            long remaining = r.vbi("remaining length");
            if (r.position() + remaining != b.length) {
                return 0;
            }
        } catch (Malformed e) {
            return 0;
        }
        // A CONNECT names its protocol; anything else is only a plausible header.
        if (type == CONNECT) {
            return decode(input).complete() ? 90 : 0;
        }
        return decode(input).complete() ? 35 : 0;
    }

    @Override
    public Decoded decode(DecodeInput input) {
        byte[] b = input.bytes();
        List<ObjectNode> packets = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        Optional<DecodeFailure> failure = Optional.empty();
        if (b.length == 0) {
            failure = Optional.of(new DecodeFailure(0, "empty message: an MQTT packet has a 2-byte fixed header at"
                    + " least (" + V3 + " §2.2)"));
        }
        int at = 0;
        while (at < b.length && failure.isEmpty()) {
            ObjectNode packet = JsonText.object();
            packets.add(packet);
            int[] next = {b.length};
            failure = packet(b, at, packet, next);
            summaries.add(summary(packet));
            at = next[0];
        }
        ObjectNode tree;
        if (packets.size() == 1) {
            tree = packets.get(0);
        } else {
            tree = JsonText.object();
            ArrayNode all = tree.putArray("packets");
            packets.forEach(all::add);
        }
        Optional<String> summary = summaries.isEmpty() ? Optional.empty()
                : Optional.of(summaries.get(0) + (summaries.size() > 1 ? " +" + (summaries.size() - 1) + " more" : ""));
        return new Decoded(id(), tree, summary, failure);
    }

    private static Optional<DecodeFailure> packet(byte[] b, int start, ObjectNode packet, int[] next) {
        int type = (b[start] >> 4) & 0x0F;
        int flags = b[start] & 0x0F;
        packet.put("type", TYPES[type]);
        packet.put("flags", String.format("%4s", Integer.toBinaryString(flags)).replace(' ', '0'));
        if (type == 0) {
            return fail(start, "packet type 0 is reserved (" + V3 + " §2.2.1)");
        }
        MqttReader header = new MqttReader(b, start + 1, b.length, V3 + " §2.2.3, remaining length");
        long remaining;
        try {
            remaining = header.vbi("remaining length");
        } catch (Malformed e) {
            return fail(e.offset, e.getMessage().startsWith("remaining length uses")
                    ? "MQTT remaining length uses more than 4 bytes (" + V3 + " §2.2.3)" : e.getMessage());
        }
        packet.put("remainingLength", remaining);
        int bodyStart = header.position();
        long present = b.length - bodyStart;
        boolean cut = remaining > present;
        int end = cut ? b.length : bodyStart + (int) remaining;
        next[0] = end;
        Optional<DecodeFailure> failure = Optional.empty();
        if (type == PUBLISH && !flagsValid(type, flags)) {
            failure = fail(start, "PUBLISH QoS 3 is not allowed (" + V3 + " §3.3.1.2)");
        } else if (!flagsValid(type, flags)) {
            failure = fail(start, "flags " + packet.get("flags").asText() + " of " + TYPES[type] + " must be "
                    + (type == PUBREL || type == SUBSCRIBE || type == UNSUBSCRIBE ? "0010" : "0000") + " ("
                    + V3 + " §2.2.2)");
        }
        Optional<DecodeFailure> body = body(b, type, flags, bodyStart, end, packet);
        if (cut) {
            return fail(b.length, "remaining length " + remaining + " exceeds the " + present
                    + " bytes present (" + V3 + " §2.2.3)");
        }
        return failure.isPresent() ? failure : body;
    }

    private static boolean flagsValid(int type, int flags) {
        return switch (type) {
            case PUBLISH -> ((flags >> 1) & 3) != 3;
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> flags == 0b0010;
            default -> flags == 0;
        };
    }

    /** Decodes the variable header and payload, choosing or guessing the version. */
    private static Optional<DecodeFailure> body(byte[] b, int type, int flags, int from, int to, ObjectNode packet) {
        if (type == CONNECT) {
            return attempt(b, type, flags, from, to, packet, Optional.empty());
        }
        ObjectNode v5 = packet.deepCopy();
        Optional<DecodeFailure> f5 = attempt(b, type, flags, from, to, v5, Optional.of(5));
        ObjectNode v3 = packet.deepCopy();
        Optional<DecodeFailure> f3 = attempt(b, type, flags, from, to, v3, Optional.of(4));
        boolean pickV5 = f5.isEmpty() || (f3.isPresent() && f5.get().offset() > f3.get().offset());
        packet.setAll(pickV5 ? v5 : v3);
        if (f5.isEmpty() && f3.isEmpty() && !differs(v5, v3)) {
            // PINGREQ, a bare PUBACK…: the same bytes in both versions.
            packet.put("version", V3 + " / " + V5);
        } else {
            packet.put("versionGuessed", true);
        }
        return pickV5 ? f5 : f3;
    }

    private static boolean differs(ObjectNode a, ObjectNode b) {
        ObjectNode x = a.deepCopy();
        ObjectNode y = b.deepCopy();
        x.remove("version");
        y.remove("version");
        return !x.equals(y);
    }

    private static Optional<DecodeFailure> attempt(byte[] b, int type, int flags, int from, int to,
                                                   ObjectNode packet, Optional<Integer> level) {
        MqttReader r = new MqttReader(b, from, to, V3 + " §2.2.3: the packet ends at its remaining length");
        try {
            switch (type) {
                case CONNECT -> connect(r, packet);
                case CONNACK -> connack(r, packet, level.orElse(4));
                case PUBLISH -> publish(r, flags, packet, level.orElse(4));
                case SUBSCRIBE -> subscribe(r, packet, level.orElse(4));
                case SUBACK, UNSUBACK -> ack(r, type, packet, level.orElse(4));
                case UNSUBSCRIBE -> unsubscribe(r, packet, level.orElse(4));
                case PINGREQ, PINGRESP -> empty(r, type, packet, level.orElse(4));
                case DISCONNECT, AUTH -> reasonOnly(r, type, packet, level.orElse(4));
                default -> packetIdAck(r, type, packet, level.orElse(4));
            }
            if (r.remaining() > 0) {
                throw new Malformed(r.position(), r.remaining() + " byte(s) after the end of " + TYPES[type] + " ("
                        + V3 + " §2.2.3)");
            }
            return Optional.empty();
        } catch (Malformed e) {
            return fail(e.offset, e.getMessage());
        }
    }

    private static void version(ObjectNode packet, int level) {
        packet.put("version", level == 5 ? V5 : V3);
    }

    private static void connect(MqttReader r, ObjectNode p) throws Malformed {
        String name = r.utf8("protocol name");
        p.put("protocolName", name);
        int level = r.u8("protocol level");
        p.put("protocolLevel", level);
        if (!(name.equals("MQTT") && (level == 4 || level == 5)) && !(name.equals("MQIsdp") && level == 3)) {
            version(p, 4);
            throw new Malformed(r.position() - 1, "protocol \"" + JsonText.clip(name, 20) + "\" level " + level
                    + " is neither MQTT 4 (3.1.1), MQTT 5 nor MQIsdp 3 (" + V3 + " §3.1.2.1-2)");
        }
        version(p, level == 5 ? 5 : 4);
        if (level == 3) {
            p.put("version", "MQTT 3.1");
        }
        int flags = r.u8("connect flags");
        if ((flags & 1) != 0) {
            throw new Malformed(r.position() - 1, "connect flags' reserved bit 0 is set (" + V3 + " §3.1.2.3)");
        }
        boolean will = (flags & 0x04) != 0;
        p.put("cleanSession", (flags & 0x02) != 0);
        p.put("will", will);
        if (will) {
            p.put("willQoS", (flags >> 3) & 3);
            p.put("willRetain", (flags & 0x20) != 0);
        }
        p.put("username", (flags & 0x80) != 0);
        p.put("password", (flags & 0x40) != 0);
        p.put("keepAlive", r.u16("keep alive"));
        if (level == 5) {
            properties(r, CONNECT, p, "properties");
        }
        p.put("clientId", r.utf8("client identifier"));
        if (will) {
            if (level == 5) {
                properties(r, MqttCodes.WILL, p, "willProperties");
            }
            p.put("willTopic", r.utf8("will topic"));
            int[] payload = r.binary("will payload");
            JsonText.putBody(p, "willPayload", r.bytes(), payload[0], payload[1]);
        }
        if ((flags & 0x80) != 0) {
            p.put("username", r.utf8("user name"));
        }
        if ((flags & 0x40) != 0) {
            int[] password = r.binary("password");
            // Never shown: a capture may be shared.
            p.put("password", "[" + (password[1] - password[0]) + " bytes]");
        }
    }

    private static void connack(MqttReader r, ObjectNode p, int level) throws Malformed {
        version(p, level);
        int ackFlags = r.u8("connect acknowledge flags");
        if ((ackFlags & 0xFE) != 0) {
            throw new Malformed(r.position() - 1, "CONNACK flags' bits 7-1 are reserved and must be 0 (" + V3
                    + " §3.2.2.1)");
        }
        p.put("sessionPresent", (ackFlags & 1) != 0);
        int code = r.u8(level == 5 ? "reason code" : "return code");
        p.put("returnCode", code);
        p.put("reason", level == 5 ? MqttCodes.reason(CONNACK, code) : MqttCodes.connackV3(code));
        if (level == 5) {
            properties(r, CONNACK, p, "properties");
        }
    }

    private static void publish(MqttReader r, int flags, ObjectNode p, int level) throws Malformed {
        version(p, level);
        int qos = (flags >> 1) & 3;
        p.put("dup", (flags & 8) != 0);
        p.put("qos", qos);
        p.put("retain", (flags & 1) != 0);
        if (qos == 3) {
            throw new Malformed(r.position() - 1, "PUBLISH QoS 3 is not allowed (" + V3 + " §3.3.1.2)");
        }
        int topicAt = r.position();
        String topic = r.utf8("topic name");
        p.put("topic", topic);
        if (topic.indexOf('#') >= 0 || topic.indexOf('+') >= 0) {
            throw new Malformed(topicAt, "topic name contains a wildcard (" + V3 + " §3.3.2.1)");
        }
        if (qos > 0) {
            p.put("packetId", packetId(r));
        }
        if (level == 5) {
            properties(r, PUBLISH, p, "properties");
        }
        int[] payload = r.rest();
        p.put("payloadLength", payload[1] - payload[0]);
        JsonText.putBody(p, "payload", r.bytes(), payload[0], payload[1]);
    }

    private static int packetId(MqttReader r) throws Malformed {
        int id = r.u16("packet identifier");
        if (id == 0) {
            throw new Malformed(r.position() - 2, "packet identifier 0 is not allowed (" + V3 + " §2.3.1)");
        }
        return id;
    }

    private static void subscribe(MqttReader r, ObjectNode p, int level) throws Malformed {
        version(p, level);
        p.put("packetId", packetId(r));
        if (level == 5) {
            properties(r, SUBSCRIBE, p, "properties");
        }
        ArrayNode topics = p.putArray("subscriptions");
        do {
            ObjectNode s = topics.addObject();
            s.put("topicFilter", r.utf8("topic filter"));
            int options = r.u8("subscription options");
            s.put("qos", options & 3);
            if ((options & 3) == 3) {
                throw new Malformed(r.position() - 1, "requested QoS 3 is not allowed (" + V3 + " §3.8.3.1)");
            }
            if (level == 5) {
                s.put("noLocal", (options & 4) != 0);
                s.put("retainAsPublished", (options & 8) != 0);
                s.put("retainHandling", (options >> 4) & 3);
            }
            if ((options & (level == 5 ? 0xC0 : 0xFC)) != 0) {
                throw new Malformed(r.position() - 1, "subscription options' reserved bits are set (" + V3
                        + " §3.8.3.1, " + V5 + " §3.8.3.1)");
            }
        } while (r.remaining() > 0);
    }

    private static void unsubscribe(MqttReader r, ObjectNode p, int level) throws Malformed {
        version(p, level);
        p.put("packetId", packetId(r));
        if (level == 5) {
            properties(r, UNSUBSCRIBE, p, "properties");
        }
        ArrayNode topics = p.putArray("topicFilters");
        do {
            topics.add(r.utf8("topic filter"));
        } while (r.remaining() > 0);
    }

    /** SUBACK (both versions) and UNSUBACK (reason codes in 5.0 only). */
    private static void ack(MqttReader r, int type, ObjectNode p, int level) throws Malformed {
        version(p, level);
        p.put("packetId", r.u16("packet identifier"));
        if (level == 5) {
            properties(r, type, p, "properties");
        }
        if (type == UNSUBACK && level != 5) {
            return;
        }
        ArrayNode codes = p.putArray("reasonCodes");
        if (r.remaining() == 0) {
            throw new Malformed(r.position(), TYPES[type] + " carries no return code (" + V3 + " §3.9.3)");
        }
        while (r.remaining() > 0) {
            int code = r.u8("return code");
            if (level != 5 && code > 2 && code != 0x80) {
                throw new Malformed(r.position() - 1, "SUBACK return code 0x" + Integer.toHexString(code)
                        + " is reserved (" + V3 + " §3.9.3)");
            }
            codes.addObject().put("code", code)
                    .put("reason", level == 5 ? MqttCodes.reason(type, code) : MqttCodes.subackV3(code));
        }
    }

    private static void empty(MqttReader r, int type, ObjectNode p, int level) throws Malformed {
        version(p, level);
        if (r.remaining() > 0) {
            throw new Malformed(r.position(), TYPES[type] + " has remaining length " + r.remaining()
                    + ", must be 0 (" + V3 + " §3.12-3.13)");
        }
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP: a packet id, and in 5.0 an optional reason code and properties. */
    private static void packetIdAck(MqttReader r, int type, ObjectNode p, int level) throws Malformed {
        version(p, level);
        p.put("packetId", packetId(r));
        if (level == 5 && r.remaining() > 0) {
            int code = r.u8("reason code");
            p.put("reasonCode", code).put("reason", MqttCodes.reason(type, code));
            if (r.remaining() > 0) {
                properties(r, type, p, "properties");
            }
        }
    }

    /** DISCONNECT (empty in 3.1.1) and AUTH (5.0 only). */
    private static void reasonOnly(MqttReader r, int type, ObjectNode p, int level) throws Malformed {
        version(p, level);
        if (level != 5) {
            if (type == AUTH) {
                throw new Malformed(r.position(), "AUTH exists only in " + V5 + " (" + V3 + " §2.2.1)");
            }
            empty(r, type, p, level);
            return;
        }
        if (r.remaining() > 0) {
            int code = r.u8("reason code");
            p.put("reasonCode", code).put("reason", MqttCodes.reason(type, code));
            if (r.remaining() > 0) {
                properties(r, type, p, "properties");
            }
        }
    }

    /** A MQTT 5.0 property section: its length, then identifier-value pairs (§2.2.2). */
    private static void properties(MqttReader r, int packetType, ObjectNode p, String field) throws Malformed {
        int lengthAt = r.position();
        long length = r.vbi("property length");
        if (length > r.remaining()) {
            throw new Malformed(lengthAt, "property length " + length + " exceeds the " + r.remaining()
                    + " bytes left in the packet (" + V5 + " §2.2.2.1)");
        }
        ObjectNode props = p.putObject(field);
        int end = r.position() + (int) length;
        Set<Integer> allowed = MqttCodes.ALLOWED.getOrDefault(packetType, Set.of());
        while (r.position() < end) {
            int idAt = r.position();
            int id = (int) r.vbi("property identifier");
            MqttCodes.Property prop = MqttCodes.PROPERTIES.get(id);
            if (prop == null || !allowed.contains(id)) {
                throw new Malformed(idAt, "property 0x" + Integer.toHexString(id) + " is "
                        + (prop == null ? "unknown" : prop.name() + ", not allowed in this packet") + " (" + V5
                        + " §2.2.2.2)");
            }
            switch (prop.kind()) {
                case BYTE -> MqttCodes.put(props, prop.name(), JsonText.NODES.numberNode(r.u8(prop.name())));
                case TWO -> MqttCodes.put(props, prop.name(), JsonText.NODES.numberNode(r.u16(prop.name())));
                case FOUR -> MqttCodes.put(props, prop.name(), JsonText.NODES.numberNode(r.u32(prop.name())));
                case VBI -> MqttCodes.put(props, prop.name(), JsonText.NODES.numberNode(r.vbi(prop.name())));
                case UTF8 -> MqttCodes.put(props, prop.name(), JsonText.NODES.textNode(r.utf8(prop.name())));
                case BINARY -> {
                    int[] range = r.binary(prop.name());
                    ObjectNode holder = JsonText.object();
                    JsonText.putBody(holder, "v", r.bytes(), range[0], range[1]);
                    MqttCodes.put(props, prop.name(), holder.elements().next());
                }
                case PAIR -> {
                    String key = r.utf8("user property name");
                    String value = r.utf8("user property value");
                    MqttCodes.put(props, prop.name(), JsonText.NODES.arrayNode().add(key).add(value));
                }
            }
            if (r.position() > end) {
                throw new Malformed(idAt, "property " + prop.name() + " runs past the property length (" + V5
                        + " §2.2.2.1)");
            }
        }
    }

    static String summary(ObjectNode p) {
        String type = p.path("type").asText("?");
        StringBuilder s = new StringBuilder("MQTT ").append(type);
        switch (type) {
            case "CONNECT" -> {
                if (p.has("clientId")) {
                    s.append(" client=").append(JsonText.clip(p.get("clientId").asText(), 30));
                }
                if (p.has("version")) {
                    s.append(' ').append(p.get("version").asText().replace("MQTT ", "v"));
                }
            }
            case "CONNACK" -> {
                if (p.has("returnCode")) {
                    s.append(" rc=").append(p.get("returnCode").asInt()).append(" (")
                            .append(p.path("reason").asText()).append(')');
                }
            }
            case "PUBLISH" -> {
                if (p.has("topic")) {
                    s.append(' ').append(JsonText.clip(p.get("topic").asText(), 50));
                }
                s.append(" QoS").append(p.path("qos").asInt());
                if (p.has("packetId")) {
                    s.append(" id=").append(p.get("packetId").asInt());
                }
                if (p.path("retain").asBoolean()) {
                    s.append(" retain");
                }
            }
            case "SUBSCRIBE" -> {
                appendId(p, s);
                for (var sub : p.path("subscriptions")) {
                    s.append(' ').append(JsonText.clip(sub.path("topicFilter").asText(), 40)).append(" QoS")
                            .append(sub.path("qos").asInt());
                }
            }
            case "UNSUBSCRIBE" -> {
                appendId(p, s);
                p.path("topicFilters").forEach(t -> s.append(' ').append(JsonText.clip(t.asText(), 40)));
            }
            case "SUBACK", "UNSUBACK" -> {
                appendId(p, s);
                p.path("reasonCodes").forEach(c -> s.append(' ').append(c.path("reason").asText()));
            }
            default -> {
                appendId(p, s);
                if (p.has("reason")) {
                    s.append(" (").append(p.get("reason").asText()).append(')');
                }
            }
        }
        return s.toString();
    }

    private static void appendId(ObjectNode p, StringBuilder s) {
        if (p.has("packetId")) {
            s.append(" id=").append(p.get("packetId").asInt());
        }
    }

    private static Optional<DecodeFailure> fail(long offset, String reason) {
        return Optional.of(new DecodeFailure(offset, reason));
    }
}
