package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/** MQTT's tables: packet types, MQTT 5.0 properties (§2.2.2.2) and reason codes (§2.4), 3.1.1 return codes. */
final class MqttCodes {

    static final String[] TYPES = {"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
        "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBREL = 6;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;
    static final int UNSUBSCRIBE = 10;
    static final int UNSUBACK = 11;
    static final int PINGREQ = 12;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;
    static final int AUTH = 15;

    enum Kind { BYTE, TWO, FOUR, VBI, UTF8, BINARY, PAIR }

    record Property(String name, Kind kind) {
    }

    static final Map<Integer, Property> PROPERTIES = Map.ofEntries(
            Map.entry(0x01, new Property("payloadFormatIndicator", Kind.BYTE)),
            Map.entry(0x02, new Property("messageExpiryInterval", Kind.FOUR)),
            Map.entry(0x03, new Property("contentType", Kind.UTF8)),
            Map.entry(0x08, new Property("responseTopic", Kind.UTF8)),
            Map.entry(0x09, new Property("correlationData", Kind.BINARY)),
            Map.entry(0x0B, new Property("subscriptionIdentifier", Kind.VBI)),
            Map.entry(0x11, new Property("sessionExpiryInterval", Kind.FOUR)),
            Map.entry(0x12, new Property("assignedClientIdentifier", Kind.UTF8)),
            Map.entry(0x13, new Property("serverKeepAlive", Kind.TWO)),
            Map.entry(0x15, new Property("authenticationMethod", Kind.UTF8)),
            Map.entry(0x16, new Property("authenticationData", Kind.BINARY)),
            Map.entry(0x17, new Property("requestProblemInformation", Kind.BYTE)),
            Map.entry(0x18, new Property("willDelayInterval", Kind.FOUR)),
            Map.entry(0x19, new Property("requestResponseInformation", Kind.BYTE)),
            Map.entry(0x1A, new Property("responseInformation", Kind.UTF8)),
            Map.entry(0x1C, new Property("serverReference", Kind.UTF8)),
            Map.entry(0x1F, new Property("reasonString", Kind.UTF8)),
            Map.entry(0x21, new Property("receiveMaximum", Kind.TWO)),
            Map.entry(0x22, new Property("topicAliasMaximum", Kind.TWO)),
            Map.entry(0x23, new Property("topicAlias", Kind.TWO)),
            Map.entry(0x24, new Property("maximumQoS", Kind.BYTE)),
            Map.entry(0x25, new Property("retainAvailable", Kind.BYTE)),
            Map.entry(0x26, new Property("userProperty", Kind.PAIR)),
            Map.entry(0x27, new Property("maximumPacketSize", Kind.FOUR)),
            Map.entry(0x28, new Property("wildcardSubscriptionAvailable", Kind.BYTE)),
            Map.entry(0x29, new Property("subscriptionIdentifierAvailable", Kind.BYTE)),
            Map.entry(0x2A, new Property("sharedSubscriptionAvailable", Kind.BYTE)));

    /** Which properties each packet may carry (MQTT 5.0 §2.2.2.2); key {@code -1} = the CONNECT will properties. */
    static final int WILL = -1;
    static final Map<Integer, Set<Integer>> ALLOWED = Map.ofEntries(
            Map.entry(CONNECT, Set.of(0x11, 0x15, 0x16, 0x17, 0x19, 0x21, 0x22, 0x26, 0x27)),
            Map.entry(WILL, Set.of(0x01, 0x02, 0x03, 0x08, 0x09, 0x18, 0x26)),
            Map.entry(CONNACK, Set.of(0x11, 0x12, 0x13, 0x15, 0x16, 0x1A, 0x1C, 0x1F, 0x21, 0x22, 0x24, 0x25,
                    0x26, 0x27, 0x28, 0x29, 0x2A)),
            Map.entry(PUBLISH, Set.of(0x01, 0x02, 0x03, 0x08, 0x09, 0x0B, 0x23, 0x26)),
            Map.entry(4, Set.of(0x1F, 0x26)), Map.entry(5, Set.of(0x1F, 0x26)),
            Map.entry(PUBREL, Set.of(0x1F, 0x26)), Map.entry(7, Set.of(0x1F, 0x26)),
            Map.entry(SUBSCRIBE, Set.of(0x0B, 0x26)),
            Map.entry(SUBACK, Set.of(0x1F, 0x26)),
            Map.entry(UNSUBSCRIBE, Set.of(0x26)),
            Map.entry(UNSUBACK, Set.of(0x1F, 0x26)),
            Map.entry(DISCONNECT, Set.of(0x11, 0x1C, 0x1F, 0x26)),
            Map.entry(AUTH, Set.of(0x15, 0x16, 0x1F, 0x26)));

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(0x00, "Success"), Map.entry(0x01, "Granted QoS 1"), Map.entry(0x02, "Granted QoS 2"),
            Map.entry(0x04, "Disconnect with Will Message"), Map.entry(0x10, "No matching subscribers"),
            Map.entry(0x11, "No subscription existed"), Map.entry(0x18, "Continue authentication"),
            Map.entry(0x19, "Re-authenticate"), Map.entry(0x80, "Unspecified error"),
            Map.entry(0x81, "Malformed Packet"), Map.entry(0x82, "Protocol Error"),
            Map.entry(0x83, "Implementation specific error"), Map.entry(0x84, "Unsupported Protocol Version"),
            Map.entry(0x85, "Client Identifier not valid"), Map.entry(0x86, "Bad User Name or Password"),
            Map.entry(0x87, "Not authorized"), Map.entry(0x88, "Server unavailable"),
            Map.entry(0x89, "Server busy"), Map.entry(0x8A, "Banned"), Map.entry(0x8B, "Server shutting down"),
            Map.entry(0x8C, "Bad authentication method"), Map.entry(0x8D, "Keep Alive timeout"),
            Map.entry(0x8E, "Session taken over"), Map.entry(0x8F, "Topic Filter invalid"),
            Map.entry(0x90, "Topic Name invalid"), Map.entry(0x91, "Packet Identifier in use"),
            Map.entry(0x92, "Packet Identifier not found"), Map.entry(0x93, "Receive Maximum exceeded"),
            Map.entry(0x94, "Topic Alias invalid"), Map.entry(0x95, "Packet too large"),
            Map.entry(0x96, "Message rate too high"), Map.entry(0x97, "Quota exceeded"),
            Map.entry(0x98, "Administrative action"), Map.entry(0x99, "Payload format invalid"),
            Map.entry(0x9A, "Retain not supported"), Map.entry(0x9B, "QoS not supported"),
            Map.entry(0x9C, "Use another server"), Map.entry(0x9D, "Server moved"),
            Map.entry(0x9E, "Shared Subscriptions not supported"), Map.entry(0x9F, "Connection rate exceeded"),
            Map.entry(0xA0, "Maximum connect time"), Map.entry(0xA1, "Subscription Identifiers not supported"),
            Map.entry(0xA2, "Wildcard Subscriptions not supported"));

    private static final String[] CONNACK_V3 = {"Connection Accepted", "unacceptable protocol version",
        "identifier rejected", "server unavailable", "bad user name or password", "not authorized"};

    private MqttCodes() {
    }

    /** A MQTT 5.0 reason code's name; 0x00 reads as the packet means it. */
    static String reason(int packetType, int code) {
        if (code == 0) {
            return switch (packetType) {
                case SUBACK -> "Granted QoS 0";
                case DISCONNECT -> "Normal disconnection";
                default -> "Success";
            };
        }
        return REASONS.getOrDefault(code, "unknown reason code 0x" + Integer.toHexString(code));
    }

    /** A MQTT 3.1.1 CONNACK return code's name (§3.2.2.3). */
    static String connackV3(int code) {
        return code < CONNACK_V3.length ? CONNACK_V3[code] : "reserved return code " + code;
    }

    /** A MQTT 3.1.1 SUBACK return code's name (§3.9.3). */
    static String subackV3(int code) {
        return code <= 2 ? "Granted QoS " + code : code == 0x80 ? "Failure" : "invalid return code 0x"
                + Integer.toHexString(code);
    }

    /** Adds a property; a repeated one (user properties, subscription identifiers) becomes an array. */
    static void put(ObjectNode properties, String name, JsonNode value) {
        JsonNode existing = properties.get(name);
        if (existing == null) {
            properties.set(name, name.equals("userProperty") ? JsonText.NODES.arrayNode().add(value) : value);
        } else if (existing.isArray() && name.equals("userProperty")) {
            ((ArrayNode) existing).add(value);
        } else if (existing.isArray()) {
            ((ArrayNode) existing).add(value);
        } else {
            properties.set(name, JsonText.NODES.arrayNode().add(existing).add(value));
        }
    }
}
