package dev.framescope.capture.io;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.HandshakeEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Secrets;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Masking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes captured connections as pcapng that Wireshark and tshark dissect: synthesized Ethernet / IPv4 / TCP
 * packets carrying exactly each direction's bytes (the upgrade request and response, then every frame as it was
 * on the wire, client masking included), with a three-way handshake, sequence and acknowledgement numbers, the
 * captured timestamps, and a FIN exchange. The server side uses port 80 so the HTTP upgrade is recognised without
 * "Decode As"; the real URL is in the section comment. wss connections are written as their plaintext, and the
 * comment says so. Secrets in the handshake are redacted unless asked otherwise.
 */
public final class PcapngWriter {

    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 0x00000001;
    private static final int EPB = 0x00000006;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int MAX_SEGMENT = 60_000;
    private static final byte[] CLIENT_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
    private static final byte[] SERVER_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
    private static final int SERVER_PORT = 80;

    private final OutputStream out;
    private final boolean keepSecrets;

    public PcapngWriter(OutputStream out, boolean keepSecrets) {
        this.out = out;
        this.keepSecrets = keepSecrets;
    }

    /** Writes one section with the given connections (each its own TCP stream, by position in the list). */
    public void write(List<CaptureLog> logs) throws IOException {
        block(SHB, sectionHeader(comment(logs)));
        block(IDB, interfaceDescription());
        int index = 0;
        for (CaptureLog log : logs) {
            Stream s = new Stream(log, index++);
            List<CaptureEvent> events = log.readFrom(0, log.size());
            if (!events.isEmpty()) {
                s.open(events.get(0).nanos());
                for (CaptureEvent e : events) {
                    s.event(e);
                }
                s.finish();
            }
        }
        out.flush();
    }

    private final Map<Long, Stream> streams = new LinkedHashMap<>();
    private final Map<Long, Integer> indexes = new HashMap<>();

    /**
     * Starts the section for these connections (their labels go in its comment); then {@link #event} as they
     * come, in any interleaving, and {@link #end}: a streamed export that holds no connection's events. The
     * connections of one session file have distinct ids, which tell their streams apart here.
     */
    public void begin(List<CaptureLog> logs) throws IOException {
        for (CaptureLog log : logs) {
            indexes.putIfAbsent(log.connectionId(), indexes.size());
        }
        block(SHB, sectionHeader(comment(logs)));
        block(IDB, interfaceDescription());
    }

    private String comment(List<CaptureLog> logs) {
        StringBuilder comment = new StringBuilder("Exported by Framescope. Synthesized TCP/IPv4 packets carry the "
                + "exact WebSocket bytes of each connection; server port shown as 80.");
        for (CaptureLog log : logs) {
            String label = keepSecrets ? log.label() : Redactor.url(log.label(), log.secrets());
            comment.append("\nconnection ").append(log.connectionId()).append(": ").append(label);
            if (label.startsWith("wss:")) {
                comment.append(" (TLS: the plaintext inside TLS, as Framescope saw it)");
            }
        }
        return comment.toString();
    }

    /** One event of a connection: its handshake and frames become TCP segments, the rest nothing. */
    public void event(CaptureLog log, CaptureEvent e) throws IOException {
        Stream s = streams.get(log.connectionId());
        if (s == null) {
            int index = indexes.computeIfAbsent(log.connectionId(), id -> indexes.size());
            s = new Stream(log, index);
            streams.put(log.connectionId(), s);
            s.open(e.nanos());
        }
        s.event(e);
    }

    /** Closes every connection's TCP stream and flushes. */
    public void end() throws IOException {
        for (Stream s : streams.values()) {
            s.finish();
        }
        streams.clear();
        out.flush();
    }

    /** One connection as one TCP conversation. */
    private final class Stream {
        private final CaptureLog log;
        private final byte[] clientIp;
        private final byte[] serverIp;
        private final int clientPort;
        private long clientSeq = 1_000;
        private long serverSeq = 5_000;
        private long lastNanos;

        Stream(CaptureLog log, int index) {
            this.log = log;
            this.clientIp = new byte[] {10, 0, (byte) (index >> 8), (byte) (index + 1)};
            this.serverIp = new byte[] {10, 1, (byte) (index >> 8), (byte) (index + 1)};
            this.clientPort = 40_000 + (index % 20_000);
        }

        void open(long nanos) throws IOException {
            lastNanos = nanos;
            tcp(Direction.OUT, Tcp.SYN, new byte[0], lastNanos);
            tcp(Direction.IN, Tcp.SYN | Tcp.ACK, new byte[0], lastNanos);
            tcp(Direction.OUT, Tcp.ACK, new byte[0], lastNanos);
        }

        void event(CaptureEvent e) throws IOException {
            if (e instanceof HandshakeEvent h) {
                byte[] request = keepSecrets ? h.rawRequest() : Redactor.head(h.rawRequest(), log.secrets());
                byte[] response = keepSecrets ? h.rawResponse() : Redactor.head(h.rawResponse(), log.secrets());
                data(Direction.OUT, request, e.nanos());
                data(Direction.IN, concat(response, h.responseBody()), e.nanos());
            } else if (e instanceof FrameEvent f) {
                data(f.dir(), wireBytes(f, keepSecrets ? Secrets.NONE : log.secrets()), f.nanos());
            }
        }

        void finish() throws IOException {
            tcp(Direction.OUT, Tcp.FIN | Tcp.ACK, new byte[0], lastNanos);
            tcp(Direction.IN, Tcp.FIN | Tcp.ACK, new byte[0], lastNanos);
            tcp(Direction.OUT, Tcp.ACK, new byte[0], lastNanos);
        }

        private void data(Direction dir, byte[] bytes, long nanos) throws IOException {
            for (int from = 0; from < bytes.length; from += MAX_SEGMENT) {
                int n = Math.min(MAX_SEGMENT, bytes.length - from);
                byte[] segment = Arrays.copyOfRange(bytes, from, from + n);
                tcp(dir, Tcp.PSH | Tcp.ACK, segment, nanos);
            }
        }

        private void tcp(Direction dir, int flags, byte[] payload, long nanos) throws IOException {
            lastNanos = Math.max(lastNanos, nanos);
            boolean out = dir == Direction.OUT;
            long seq = out ? clientSeq : serverSeq;
            long ack = (flags & Tcp.ACK) != 0 ? (out ? serverSeq : clientSeq) : 0;
            byte[] packet = Tcp.packet(out ? CLIENT_MAC : SERVER_MAC, out ? SERVER_MAC : CLIENT_MAC,
                    out ? clientIp : serverIp, out ? serverIp : clientIp, out ? clientPort : SERVER_PORT,
                    out ? SERVER_PORT : clientPort, seq, ack, flags, payload);
            long advance = payload.length + ((flags & (Tcp.SYN | Tcp.FIN)) != 0 ? 1 : 0);
            if (out) {
                clientSeq += advance;
            } else {
                serverSeq += advance;
            }
            Instant at = log.wallClock(lastNanos);
            enhancedPacket(packet, at.getEpochSecond() * 1_000_000_000L + at.getNano());
        }
    }

    /** The frame as it crossed the wire: its header and the (re-)masked payload of this chunk. */
    static byte[] wireBytes(FrameEvent f) {
        return wireBytes(f, Secrets.NONE);
    }

    /** {@link #wireBytes(FrameEvent)} with secret values overwritten before masking (lengths unchanged). */
    static byte[] wireBytes(FrameEvent f, Secrets secrets) {
        FrameHeader h = f.header();
        byte[] payload = Redactor.payload(f.payload().bytes(), secrets).clone();
        if (h.masked()) {
            Masking.unmask(payload, 0, payload.length, h.maskingKey(), f.chunkOffset());
        }
        return f.isFirstChunk() ? concat(h.rawHeader(), payload) : payload;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void enhancedPacket(byte[] packet, long epochNanos) throws IOException {
        ByteBuffer b = le(20 + pad(packet.length));
        b.putInt(0).putInt((int) (epochNanos >>> 32)).putInt((int) epochNanos).putInt(packet.length)
                .putInt(packet.length).put(packet);
        block(EPB, b.array());
    }

    private static byte[] sectionHeader(String comment) {
        byte[] text = comment.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = le(16 + 4 + pad(text.length) + 4);
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        b.putShort((short) 1).putShort((short) text.length).put(text);
        b.position(16 + 4 + pad(text.length));
        b.putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    private static byte[] interfaceDescription() {
        ByteBuffer b = le(8 + 8 + 4);
        b.putShort((short) LINKTYPE_ETHERNET).putShort((short) 0).putInt(0);
        // if_tsresol = 9: timestamps in nanoseconds.
        b.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]);
        b.putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    private void block(int type, byte[] body) throws IOException {
        int total = 12 + body.length;
        ByteBuffer b = le(total);
        b.putInt(type).putInt(total).put(body).putInt(total);
        out.write(b.array());
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Ethernet + IPv4 + TCP headers with correct lengths and checksums. */
    static final class Tcp {
        static final int FIN = 0x01;
        static final int SYN = 0x02;
        static final int PSH = 0x08;
        static final int ACK = 0x10;

        private Tcp() {
        }

        static byte[] packet(byte[] srcMac, byte[] dstMac, byte[] srcIp, byte[] dstIp, int srcPort, int dstPort,
                             long seq, long ack, int flags, byte[] payload) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(54 + payload.length);
            frame.writeBytes(dstMac);
            frame.writeBytes(srcMac);
            frame.write(0x08);
            frame.write(0x00);
            byte[] tcp = tcpSegment(srcIp, dstIp, srcPort, dstPort, seq, ack, flags, payload);
            frame.writeBytes(ipv4(srcIp, dstIp, tcp.length));
            frame.writeBytes(tcp);
            return frame.toByteArray();
        }

        private static byte[] ipv4(byte[] src, byte[] dst, int tcpLength) {
            ByteBuffer b = ByteBuffer.allocate(20);
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLength)).putShort((short) 0)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
            byte[] header = b.array();
            int sum = checksum(header, 0, header.length, 0);
            header[10] = (byte) (sum >> 8);
            header[11] = (byte) sum;
            return header;
        }

        private static byte[] tcpSegment(byte[] srcIp, byte[] dstIp, int srcPort, int dstPort, long seq, long ack,
                                         int flags, byte[] payload) {
            ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
            b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                    .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0)
                    .putShort((short) 0).put(payload);
            byte[] segment = b.array();
            ByteBuffer pseudo = ByteBuffer.allocate(12);
            pseudo.put(srcIp).put(dstIp).put((byte) 0).put((byte) 6).putShort((short) segment.length);
            int partial = checksumPartial(pseudo.array(), 0, 12, 0);
            int sum = checksum(segment, 0, segment.length, partial);
            segment[16] = (byte) (sum >> 8);
            segment[17] = (byte) sum;
            return segment;
        }

        private static int checksumPartial(byte[] data, int off, int len, int initial) {
            int sum = initial;
            for (int i = off; i < off + len; i += 2) {
                int hi = data[i] & 0xFF;
                int lo = i + 1 < off + len ? data[i + 1] & 0xFF : 0;
                sum += (hi << 8) | lo;
                sum = (sum & 0xFFFF) + (sum >>> 16);
            }
            return sum;
        }

        static int checksum(byte[] data, int off, int len, int initial) {
            int sum = checksumPartial(data, off, len, initial);
            return ~sum & 0xFFFF;
        }
    }
}
