package dev.framescope.decode.subprotocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.decode.subprotocol.MqttReader.Malformed;
import java.util.Set;

/** A MQTT 5.0 property section: its length, then identifier-value pairs (MQTT 5.0 §2.2.2). */
final class MqttProperties {

    private static final String V5 = "MQTT 5.0";

    private MqttProperties() {
    }

    /** Reads one section at the reader's position, accepting only the properties {@code packetType} may carry. */
    static ObjectNode read(MqttReader r, int packetType) throws Malformed {
        int lengthAt = r.position();
        long length = r.vbi("property length");
        if (length > r.remaining()) {
            throw new Malformed(lengthAt, "property length " + length + " exceeds the " + r.remaining()
                    + " bytes left in the packet (" + V5 + " §2.2.2.1)");
        }
        ObjectNode props = JsonText.object();
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
            value(r, prop, props);
            if (r.position() > end) {
                throw new Malformed(idAt, "property " + prop.name() + " runs past the property length (" + V5
                        + " §2.2.2.1)");
            }
        }
        return props;
    }

    private static void value(MqttReader r, MqttCodes.Property prop, ObjectNode props) throws Malformed {
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
    }
}
