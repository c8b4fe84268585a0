package dev.framescope.capture.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        return sample(clientFrames, serverFrames, 50_000);
    }

    private static CaptureLog sample(byte[] clientFrames, byte[] serverFrames, int maxChunk) {
        CaptureLog log = new CaptureLog(1, "ws://h/x?token=s3cr3t", new PayloadStore(1 << 20));
        log.append(log.nanoAnchor() + 1, s -> new CaptureEvent.HandshakeEvent(s,
                REQUEST.getBytes(StandardCharsets.ISO_8859_1), RESPONSE.getBytes(StandardCharsets.ISO_8859_1),
                new byte[0], 101, "", Optional.empty(), Optional.empty(), "", "", List.of()));
        feed(log, Sender.CLIENT, clientFrames, maxChunk);
        feed(log, Sender.SERVER, serverFrames, maxChunk);
        return log;
    }

    private static void feed(CaptureLog log, Sender sender, byte[] bytes, int maxChunk) {
        StreamDissector d = new StreamDissector(sender, dev.framescope.wire.DecoderOptions.defaults()
                .withMaxChunkBytes(maxChunk), 1 << 20);
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

    @Test
    void aPlainFrameWritesTheBytesOfItsFrameEvent() throws Exception {
        byte[] client = FrameEncoder.text("hello").masked(0x01020304).encode();
        byte[] server = concat(concat(FrameEncoder.text("").encode(), FrameEncoder.text("a tick").encode()),
                concat(FrameEncoder.binary(new byte[300]).encode(), FrameEncoder.text("x".repeat(70_000)).encode()));
        // Whole frames, the 70,000-byte one in two TCP segments.
        CaptureLog log = sample(client, server, 1 << 20);
        for (boolean keepSecrets : new boolean[] {true, false}) {
            ByteArrayOutputStream events = new ByteArrayOutputStream();
            PcapngWriter viaEvents = new PcapngWriter(events, keepSecrets);
            viaEvents.begin(List.of(log));
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            PcapngWriter viaPlain = new PcapngWriter(plain, keepSecrets);
            viaPlain.begin(List.of(log));
            int plainFrames = 0;
            for (CaptureEvent e : log.readFrom(0, log.size())) {
                viaEvents.event(log, e);
                if (e instanceof CaptureEvent.FrameEvent f && f.dir() == Direction.IN && f.header().fin()
                        && f.isFirstChunk() && f.lastChunk()) {
                    assertTrue(viaPlain.plainFrame(log, f.nanos(), f.header(), f.payload().bytes()));
                    plainFrames++;
                } else {
                    viaPlain.event(log, e);
                }
            }
            viaEvents.end();
            viaPlain.end();
            assertEquals(4, plainFrames);
            assertTrue(java.util.Arrays.equals(events.toByteArray(), plain.toByteArray()),
                    "the same bytes, keepSecrets " + keepSecrets);
        }
    }

    @Test
    void aPlainFrameOfAConnectionWithSecretValuesGoesAsEventsUnlessSecretsAreKept() throws Exception {
        CaptureLog log = sample(new byte[0], FrameEncoder.text("my s3cr3t").encode());
        log.learn(new dev.framescope.capture.Secrets(java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of("s3cr3t")));
        CaptureEvent.FrameEvent f = (CaptureEvent.FrameEvent) log.readFrom(1, 1).get(0);
        PcapngWriter redacting = new PcapngWriter(new ByteArrayOutputStream(), false);
        redacting.begin(List.of(log));
        assertFalse(redacting.plainFrame(log, f.nanos(), f.header(), f.payload().bytes()));
        PcapngWriter keeping = new PcapngWriter(new ByteArrayOutputStream(), true);
        keeping.begin(List.of(log));
        assertTrue(keeping.plainFrame(log, f.nanos(), f.header(), f.payload().bytes()));
    }

    @Test
    void everyPacketsIpAndTcpChecksumsVerify() throws Exception {
        byte[] odd = new byte[60_001];
        new java.util.Random(5).nextBytes(odd);
        byte[] server = concat(FrameEncoder.binary(odd).encode(), FrameEncoder.text("abc").encode());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new PcapngWriter(file, true).write(List.of(sample(FrameEncoder.text("hi").masked(7).encode(), server)));
        List<byte[]> packets = packets(file.toByteArray());
        for (byte[] p : packets) {
            assertEquals(0, PcapngWriter.Tcp.checksum(p, 14, 20, 0), "IPv4 header checksum");
            int tcpLength = p.length - 34;
            int pseudo = referenceSum(p, 26, 8, 0) + 6 + tcpLength;
            assertEquals(0, PcapngWriter.Tcp.checksum(p, 34, tcpLength, pseudo), "TCP checksum");
        }
        assertTrue(packets.stream().anyMatch(p -> (p.length - 54) % 2 == 1), "an odd-length segment");
    }

    @Test
    void theChecksumIsTheOnesComplementSumFoldedAfterEveryWord() {
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            if (round % 7 == 0) {
                java.util.Arrays.fill(data, (byte) 0xFF);
            }
            int off = data.length == 0 ? 0 : random.nextInt(data.length);
            int len = random.nextInt(data.length - off + 1);
            int initial = round % 3 == 0 ? 0 : random.nextInt(0x10000);
            assertEquals(~referenceSum(data, off, len, initial) & 0xFFFF, PcapngWriter.Tcp.checksum(data, off, len,
                    initial), "round " + round);
        }
    }

    /** RFC 1071 as the writer first did it: 16-bit words, folded after each. */
    private static int referenceSum(byte[] data, int off, int len, int initial) {
        int sum = initial;
        for (int i = off; i < off + len; i += 2) {
            int hi = data[i] & 0xFF;
            int lo = i + 1 < off + len ? data[i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
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
