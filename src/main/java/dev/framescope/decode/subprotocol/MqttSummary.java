package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One line per decoded MQTT packet for tables, e.g. {@code MQTT PUBLISH sensors/t QoS1 id=7}. */
final class MqttSummary {

    private MqttSummary() {
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
}
