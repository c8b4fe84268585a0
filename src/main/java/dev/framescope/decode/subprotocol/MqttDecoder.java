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
import java.util.function.Predicate;

/**
 * MQTT 3.1.1 and 5.0 control packets carried in binary WebSocket messages (MQTT 3.1.1 §6, MQTT 5.0 §6: a message
 * may hold several packets). Only CONNECT says which version is spoken; for other packets a stateless decoder
 * guesses, once, at the one place the versions part: where 5.0 puts its property section. It is MQTT 5.0 when a
 * property section reads cleanly there with only the properties that packet may carry and what 5.0 needs after it
 * is present, else 3.1.1; the tree says it guessed. Each packet is read once, in the version guessed.
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
            long remaining = r.remainingLength();
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
            summaries.add(MqttSummary.summary(packet));
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
            remaining = header.remainingLength();
        } catch (Malformed e) {
            return fail(e.offset, e.getMessage());
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

    /** Decodes the variable header and payload once, the version read from CONNECT or guessed on the way. */
    private static Optional<DecodeFailure> body(byte[] b, int type, int flags, int from, int to, ObjectNode packet) {
        MqttReader r = new MqttReader(b, from, to, V3 + " §2.2.3: the packet ends at its remaining length");
        Version v = new Version(packet);
        try {
            switch (type) {
                case CONNECT -> connect(r, packet, v);
                case CONNACK -> connack(r, packet, v);
                case PUBLISH -> publish(r, flags, packet, v);
                case SUBSCRIBE -> subscribe(r, packet, v);
                case SUBACK, UNSUBACK -> ack(r, type, packet, v);
                case UNSUBSCRIBE -> unsubscribe(r, packet, v);
                case PINGREQ, PINGRESP -> empty(r, type, v);
                case DISCONNECT, AUTH -> reasonOnly(r, type, packet, v);
                default -> packetIdAck(r, type, packet, v);
            }
            if (r.remaining() > 0) {
                throw new Malformed(r.position(), r.remaining() + " byte(s) after the end of " + TYPES[type] + " ("
                        + V3 + " §2.2.3)");
            }
            return Optional.empty();
        } catch (Malformed e) {
            // When the 5.0 reading was refused but got further than the 3.1.1 one, its reason explains more.
            DecodeFailure failure = new DecodeFailure(e.offset, e.getMessage());
            return Optional.of(v.refused.filter(f5 -> f5.offset() > failure.offset()).orElse(failure));
        }
    }

    /** One packet's protocol version, written into its tree as it becomes known. */
    private static final class Version {
        private final ObjectNode packet;
        private boolean v5;
        /** Why a 5.0 reading was refused where it was tried. */
        private Optional<DecodeFailure> refused = Optional.empty();

        Version(ObjectNode packet) {
            this.packet = packet;
            packet.put("version", V3); // placeholder, so the field keeps its place near the top of the tree
        }

        void known(int level) {
            v5 = level == 5;
            packet.put("version", v5 ? V5 : level == 3 ? "MQTT 3.1" : V3);
        }

        /** PINGREQ, a bare PUBACK…: the same bytes in both versions. */
        void both() {
            packet.put("version", V3 + " / " + V5);
        }

        void guessed(boolean isV5) {
            v5 = isV5;
            packet.put("version", isV5 ? V5 : V3);
            packet.put("versionGuessed", true);
        }
    }

    /**
     * Where MQTT 5.0 puts a property section (§2.2.2): reads one if it reads cleanly with only the properties this
     * packet may carry and {@code then} holds for what follows, and the packet is 5.0. Otherwise the reader is
     * back where it was and the packet goes on as 3.1.1, which has no property section.
     */
    private static void guessAt(MqttReader r, int type, Version v, Predicate<MqttReader> then) {
        int at = r.position();
        try {
            ObjectNode properties = MqttProperties.read(r, type);
            if (then.test(r)) {
                v.guessed(true);
                v.packet.set("properties", properties);
                return;
            }
        } catch (Malformed e) {
            v.refused = Optional.of(new DecodeFailure(e.offset, e.getMessage()));
        }
        r.seek(at);
        v.guessed(false);
    }

    /** A length-prefixed string and {@code extra} more bytes fit in what is left. */
    private static Predicate<MqttReader> stringFits(int extra) {
        return r -> r.peekU16() >= 0 && r.peekU16() + 2 + extra <= r.remaining();
    }

    private static void connect(MqttReader r, ObjectNode p, Version v) throws Malformed {
        String name = r.utf8("protocol name");
        p.put("protocolName", name);
        int level = r.u8("protocol level");
        p.put("protocolLevel", level);
        if (!(name.equals("MQTT") && (level == 4 || level == 5)) && !(name.equals("MQIsdp") && level == 3)) {
            throw new Malformed(r.position() - 1, "protocol \"" + JsonText.clip(name, 20) + "\" level " + level
                    + " is neither MQTT 4 (3.1.1), MQTT 5 nor MQIsdp 3 (" + V3 + " §3.1.2.1-2)");
        }
        v.known(level);
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
        if (v.v5) {
            p.set("properties", MqttProperties.read(r, CONNECT));
        }
        p.put("clientId", r.utf8("client identifier"));
        if (will) {
            if (v.v5) {
                p.set("willProperties", MqttProperties.read(r, MqttCodes.WILL));
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

    private static void connack(MqttReader r, ObjectNode p, Version v) throws Malformed {
        int ackFlags = r.u8("connect acknowledge flags");
        if ((ackFlags & 0xFE) != 0) {
            throw new Malformed(r.position() - 1, "CONNACK flags' bits 7-1 are reserved and must be 0 (" + V3
                    + " §3.2.2.1)");
        }
        p.put("sessionPresent", (ackFlags & 1) != 0);
        int code = r.u8("return code");
        p.put("returnCode", code);
        guessAt(r, CONNACK, v, rest -> rest.remaining() == 0);
        p.put("reason", v.v5 ? MqttCodes.reason(CONNACK, code) : MqttCodes.connackV3(code));
    }

    private static void publish(MqttReader r, int flags, ObjectNode p, Version v) throws Malformed {
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
        guessAt(r, PUBLISH, v, rest -> true);
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

    private static void subscribe(MqttReader r, ObjectNode p, Version v) throws Malformed {
        p.put("packetId", packetId(r));
        guessAt(r, SUBSCRIBE, v, stringFits(1));
        ArrayNode topics = p.putArray("subscriptions");
        do {
            ObjectNode s = topics.addObject();
            s.put("topicFilter", r.utf8("topic filter"));
            int options = r.u8("subscription options");
            s.put("qos", options & 3);
            if ((options & 3) == 3) {
                throw new Malformed(r.position() - 1, "requested QoS 3 is not allowed (" + V3 + " §3.8.3.1)");
            }
            if (v.v5) {
                s.put("noLocal", (options & 4) != 0);
                s.put("retainAsPublished", (options & 8) != 0);
                s.put("retainHandling", (options >> 4) & 3);
            }
            if ((options & (v.v5 ? 0xC0 : 0xFC)) != 0) {
                throw new Malformed(r.position() - 1, "subscription options' reserved bits are set (" + V3
                        + " §3.8.3.1, " + V5 + " §3.8.3.1)");
            }
        } while (r.remaining() > 0);
    }

    private static void unsubscribe(MqttReader r, ObjectNode p, Version v) throws Malformed {
        p.put("packetId", packetId(r));
        guessAt(r, UNSUBSCRIBE, v, stringFits(0));
        ArrayNode topics = p.putArray("topicFilters");
        do {
            topics.add(r.utf8("topic filter"));
        } while (r.remaining() > 0);
    }

    /** SUBACK (both versions) and UNSUBACK (reason codes in 5.0 only). */
    private static void ack(MqttReader r, int type, ObjectNode p, Version v) throws Malformed {
        p.put("packetId", r.u16("packet identifier"));
        guessAt(r, type, v, rest -> rest.remaining() > 0);
        if (type == UNSUBACK && !v.v5) {
            return;
        }
        ArrayNode codes = p.putArray("reasonCodes");
        if (r.remaining() == 0) {
            throw new Malformed(r.position(), TYPES[type] + " carries no return code (" + V3 + " §3.9.3)");
        }
        while (r.remaining() > 0) {
            int code = r.u8("return code");
            if (!v.v5 && code > 2 && code != 0x80) {
                throw new Malformed(r.position() - 1, "SUBACK return code 0x" + Integer.toHexString(code)
                        + " is reserved (" + V3 + " §3.9.3)");
            }
            codes.addObject().put("code", code)
                    .put("reason", v.v5 ? MqttCodes.reason(type, code) : MqttCodes.subackV3(code));
        }
    }

    private static void empty(MqttReader r, int type, Version v) throws Malformed {
        v.both();
        if (r.remaining() > 0) {
            throw new Malformed(r.position(), TYPES[type] + " has remaining length " + r.remaining()
                    + ", must be 0 (" + V3 + " §3.12-3.13)");
        }
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP: a packet id, and in 5.0 an optional reason code and properties. */
    private static void packetIdAck(MqttReader r, int type, ObjectNode p, Version v) throws Malformed {
        p.put("packetId", packetId(r));
        reasonAndProperties(r, type, p, v);
    }

    /** DISCONNECT (empty in 3.1.1) and AUTH (5.0 only, MQTT 5.0 §3.15). */
    private static void reasonOnly(MqttReader r, int type, ObjectNode p, Version v) throws Malformed {
        if (type == AUTH) {
            v.known(5);
        }
        reasonAndProperties(r, type, p, v);
    }

    /** What 5.0 may add at the end of an acknowledgement or DISCONNECT; in 3.1.1 such a packet ends here. */
    private static void reasonAndProperties(MqttReader r, int type, ObjectNode p, Version v) throws Malformed {
        if (r.remaining() == 0) {
            if (!v.v5) {
                v.both();
            }
            return;
        }
        if (!v.v5) {
            v.guessed(true);
        }
        int code = r.u8("reason code");
        p.put("reasonCode", code).put("reason", MqttCodes.reason(type, code));
        if (r.remaining() > 0) {
            p.set("properties", MqttProperties.read(r, type));
        }
    }

    private static Optional<DecodeFailure> fail(long offset, String reason) {
        return Optional.of(new DecodeFailure(offset, reason));
    }
}
