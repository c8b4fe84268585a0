package dev.framescope.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A tiny MQTT broker over WebSocket (binary messages): CONNACK, SUBACK then a few PUBLISH packets on the
 * subscribed topic, PUBACK/PUBREC/PUBCOMP for the client's PUBLISH and PUBREL, PINGRESP, UNSUBACK. Speaks
 * MQTT 5.0 to a client whose CONNECT said level 5, else 3.1.1.
 */
final class MqttDialogue implements Dialogue {

    private final Peer peer;
    private boolean v5;
    private int nextPacketId = 1;

    MqttDialogue(Peer peer) {
        this.peer = peer;
    }

    @Override
    public void onBinary(byte[] b) {
        int at = 0;
        while (at + 2 <= b.length) {
            int type = (b[at] >> 4) & 0x0F;
            int flags = b[at] & 0x0F;
            int length = 0;
            int shift = 0;
            int i = at + 1;
            while (i < b.length && i - at <= 4) {
                length |= (b[i] & 0x7F) << shift;
                shift += 7;
                if ((b[i++] & 0x80) == 0) {
                    break;
                }
            }
            if (i + length > b.length) {
                peer.close(1002, "truncated MQTT packet");
                return;
            }
            packet(type, flags, b, i, i + length);
            at = i + length;
        }
    }

    private void packet(int type, int flags, byte[] b, int from, int to) {
        if (!wellFormed(type, b, from, to)) {
            peer.close(1002, "malformed MQTT " + type + " packet");
            return;
        }
        switch (type) {
            case 1 -> {
                int nameLength = u16(b, from);
                v5 = b[from + 2 + nameLength] == 5;
                send(0x20, v5 ? new byte[] {0, 0, 0} : new byte[] {0, 0});
            }
            case 3 -> {
                int qos = (flags >> 1) & 3;
                if (qos > 0 && from + 4 + u16(b, from) <= to) {
                    int idAt = from + 2 + u16(b, from);
                    send(qos == 1 ? 0x40 : 0x50, new byte[] {b[idAt], b[idAt + 1]});
                }
            }
            case 6 -> send(0x70, new byte[] {b[from], b[from + 1]});
            case 8 -> subscribe(b, from, to);
            case 10 -> send(0xB0, v5 ? new byte[] {b[from], b[from + 1], 0, 0} : new byte[] {b[from], b[from + 1]});
            case 12 -> send(0xD0, new byte[0]);
            case 14 -> peer.close(1000, "MQTT DISCONNECT");
            default -> { }
        }
    }

    /** Enough bytes for the fields this broker reads (a real broker checks far more). */
    private static boolean wellFormed(int type, byte[] b, int from, int to) {
        return switch (type) {
            case 1, 3 -> to - from >= 2 && from + 2 + u16(b, from) + (type == 1 ? 1 : 0) <= to;
            case 6, 8, 10 -> to - from >= 2;
            default -> true;
        };
    }

    private void subscribe(byte[] b, int from, int to) {
        int at = from + 2;
        if (v5) {
            at += 1 + (b[at] & 0x7F);
        }
        ByteArrayOutputStream granted = new ByteArrayOutputStream();
        String firstTopic = null;
        int firstQos = 0;
        while (at + 2 <= to && at + 3 + u16(b, at) <= to) {
            int len = u16(b, at);
            String filter = new String(b, at + 2, len, StandardCharsets.UTF_8);
            int qos = Math.min(1, b[at + 2 + len] & 3);
            granted.write(qos);
            if (firstTopic == null) {
                firstTopic = filter;
                firstQos = qos;
            }
            at += 3 + len;
        }
        ByteArrayOutputStream suback = new ByteArrayOutputStream();
        suback.write(b[from]);
        suback.write(b[from + 1]);
        if (v5) {
            suback.write(0);
        }
        suback.writeBytes(granted.toByteArray());
        send(0x90, suback.toByteArray());
        String topic = firstTopic == null ? "demo/t" : firstTopic.replace("#", "t").replace("+", "x");
        int qos = firstQos;
        for (int n = 1; n <= peer.param("count", 3); n++) {
            int value = n;
            peer.later(100L * n, () -> publish(topic, qos, "{\"n\":" + value + ",\"celsius\":" + (20 + value) + "}"));
        }
    }

    private void publish(String topic, int qos, String payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        body.write(name.length >> 8);
        body.write(name.length);
        body.writeBytes(name);
        if (qos > 0) {
            int id = nextPacketId++;
            body.write(id >> 8);
            body.write(id);
        }
        if (v5) {
            body.write(0);
        }
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        send(0x30 | (qos << 1), body.toByteArray());
    }

    private void send(int firstByte, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(firstByte);
        int length = body.length;
        do {
            int digit = length & 0x7F;
            length >>>= 7;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body);
        peer.send(packet.toByteArray());
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
