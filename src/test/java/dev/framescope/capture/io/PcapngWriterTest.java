package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.PayloadStore;
import dev.framescope.wire.Dissected;
import dev.framescope.wire.FrameEncoder;
import dev.framescope.wire.HttpHeadParser;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pcapng export read back block by block: TCP payloads per direction are exactly the captured wire bytes. */
class PcapngWriterTest {

    private static final String REQUEST = "GET /x?token=s3cr3t HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer zzz\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";

    /** A log built from real bytes: the handshake, then a masked client frame and a large server frame in chunks. */
    private static CaptureLog sample(byte[] clientFrames, byte[] serverFrames) {
        CaptureLog log = new CaptureLog(1, "ws://h/x?token=s3cr3t", new PayloadStore(1 << 20));
        log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.HandshakeEvent(s,
                REQUEST.getBytes(StandardCharsets.ISO_8859_1), RESPONSE.getBytes(StandardCharsets.ISO_8859_1),
                new byte[0], 101, "", Optional.empty(), Optional.empty(), "", "", List.of()));
        feed(log, Sender.CLIENT, clientFrames);
        feed(log, Sender.SERVER, serverFrames);
        return log;
    }

    private static void feed(CaptureLog log, Sender sender, byte[] bytes) {
        StreamDissector d = new StreamDissector(sender, dev.framescope.wire.DecoderOptions.defaults()
                .withMaxChunkBytes(50_000), 1 << 20);
        for (Dissected item : d.feed(bytes)) {
            if (item instanceof Dissected.FrameItem f) {
                log.append(log.nanoAnchor() + 2, s -> new CaptureEvent.FrameEvent(s, Direction.of(sender),
                        f.frame().header(), f.frame().chunkOffset(), f.frame().lastChunk(),
                        log.payloads().store(f.frame().payload()), f.messageOpcode(), Optional.empty(), f.findings()));
            }
        }
    }

    @Test
    void tcpPayloadsAreTheWireBytesAndSecretsAreRedacted() throws Exception {
        byte[] client = FrameEncoder.text("hello").masked(0x01020304).encode();
        byte[] big = new byte[150_000];
        new java.util.Random(3).nextBytes(big);
        byte[] server = concat(FrameEncoder.binary(big).encode(), FrameEncoder.close(1000, "bye").encode());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new PcapngWriter(file, false).write(List.of(sample(client, server)));

        List<byte[]> packets = packets(file.toByteArray());
        assertTrue(packets.size() >= 9, packets.size() + " packets");
        ByteArrayOutputStream up = new ByteArrayOutputStream();
        ByteArrayOutputStream down = new ByteArrayOutputStream();
        int syns = 0;
        int fins = 0;
        for (byte[] p : packets) {
            ByteBuffer b = ByteBuffer.wrap(p);
            assertEquals(0x0800, b.getShort(12) & 0xFFFF, "IPv4 ethertype");
            int ipTotal = b.getShort(16) & 0xFFFF;
            assertEquals(p.length - 14, ipTotal, "IPv4 total length");
            int flags = p[14 + 20 + 13] & 0xFF;
            syns += (flags & 0x02) != 0 ? 1 : 0;
            fins += (flags & 0x01) != 0 ? 1 : 0;
            int srcPort = b.getShort(34) & 0xFFFF;
            byte[] payload = java.util.Arrays.copyOfRange(p, 54, p.length);
            (srcPort == 80 ? down : up).writeBytes(payload);
        }
        assertEquals(2, syns);
        assertEquals(2, fins);
        byte[] sent = up.toByteArray();
        String head = new String(sent, 0, HttpHeadParser.parse(sent).headLength(), StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("Authorization: [redacted]") && head.contains("token=[redacted]"), head);
        assertEquals(java.util.HexFormat.of().formatHex(client), java.util.HexFormat.of().formatHex(
                java.util.Arrays.copyOfRange(sent, head.length(), sent.length)));
        byte[] received = down.toByteArray();
        assertEquals(RESPONSE.length() + server.length, received.length);
        assertTrue(java.util.Arrays.equals(server, java.util.Arrays.copyOfRange(received, RESPONSE.length(),
                received.length)), "server frames byte-exact");
    }

    private static List<byte[]> packets(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> packets = new ArrayList<>();
        assertEquals(0x0A0D0D0A, b.getInt(0), "section header block first");
        while (b.remaining() >= 12) {
            int start = b.position();
            int type = b.getInt();
            int length = b.getInt();
            assertEquals(0, length % 4, "blocks are 32-bit aligned");
            assertEquals(length, b.getInt(start + length - 4), "trailing block length");
            if (type == 6) {
                int captured = b.getInt(start + 20);
                byte[] p = new byte[captured];
                b.get(start + 28, p);
                packets.add(p);
            }
            b.position(start + length);
        }
        return packets;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
