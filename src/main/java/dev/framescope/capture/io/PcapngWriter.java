package dev.framescope.capture.io;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.HandshakeEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Secrets;
import dev.framescope.wire.FrameHeader;
import dev.framescope.wire.Masking;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes captured connections as pcapng that Wireshark and tshark dissect: synthesized Ethernet / IPv4 / TCP
 * packets carrying exactly each direction's bytes (the upgrade request and response, then every frame as it was
 * on the wire, client masking included), with a three-way handshake, sequence and acknowledgement numbers, the
 * captured timestamps, and a FIN exchange. The server side uses port 80 so the HTTP upgrade is recognised without
 * "Decode As"; the real URL is in the section comment. wss connections are written as their plaintext, and the
 * comment says so. Secrets in the handshake are redacted unless asked otherwise. A connection through the
 * intercepting proxy is written as each side sent it: the frames the proxy wrote itself (edits, injections) are
 * left out, since they are in neither peer's stream (and a peer's deflate window never held them).
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

    private static final byte[] NO_BYTES = new byte[0];
    /** An enhanced packet block without its packet: block type, length, interface, time (2), lengths (2), length. */
    private static final int EPB_OVERHEAD = 32;

    private final OutputStream out;
    private final boolean keepSecrets;
    private byte[] block = new byte[1 << 12];

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
        stream(log, e.nanos()).event(e);
    }

    /**
     * A plain frame received ({@link SessionVisitor#plainFrame}): its TCP segments written from the header and the
     * payload as they are, without the events; the same bytes {@link #event} writes for its frame event (the message
     * event writes nothing). False, and nothing written, when secrets are to be redacted from this connection's
     * payloads: then the events should come to {@link #event}.
     */
    public boolean plainFrame(CaptureLog log, long nanos, FrameHeader header, byte[] payload) throws IOException {
        if (!keepSecrets && !log.secrets().values().isEmpty()) {
            return false;
        }
        stream(log, nanos).data(Direction.IN, header.rawHeader(), payload, nanos);
        return true;
    }

    private Stream stream(CaptureLog log, long nanos) throws IOException {
        Stream s = streams.get(log.connectionId());
        if (s == null) {
            int index = indexes.computeIfAbsent(log.connectionId(), id -> indexes.size());
            s = new Stream(log, index);
            streams.put(log.connectionId(), s);
            s.open(nanos);
        }
        return s;
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
        /** Frames the intercepting proxy wrote, announced by their mark: not in either sender's stream. */
        private final Set<Long> proxyWritten = new HashSet<>();

        Stream(CaptureLog log, int index) {
            this.log = log;
            this.clientIp = new byte[] {10, 0, (byte) (index >> 8), (byte) (index + 1)};
            this.serverIp = new byte[] {10, 1, (byte) (index >> 8), (byte) (index + 1)};
            this.clientPort = 40_000 + (index % 20_000);
        }

        void open(long nanos) throws IOException {
            lastNanos = nanos;
            tcp(Direction.OUT, Tcp.SYN, NO_BYTES, NO_BYTES, 0, 0, lastNanos);
            tcp(Direction.IN, Tcp.SYN | Tcp.ACK, NO_BYTES, NO_BYTES, 0, 0, lastNanos);
            tcp(Direction.OUT, Tcp.ACK, NO_BYTES, NO_BYTES, 0, 0, lastNanos);
        }

        void event(CaptureEvent e) throws IOException {
            if (e instanceof HandshakeEvent h) {
                byte[] request = keepSecrets ? h.rawRequest() : Redactor.head(h.rawRequest(), log.secrets());
                byte[] response = keepSecrets ? h.rawResponse() : Redactor.head(h.rawResponse(), log.secrets());
                data(Direction.OUT, NO_BYTES, request, e.nanos());
                data(Direction.IN, response, h.responseBody(), e.nanos());
            } else if (e instanceof CaptureEvent.RelayEvent r && r.forwarded()) {
                proxyWritten.addAll(r.marked());
            } else if (e instanceof FrameEvent f && !proxyWritten.remove(f.seq())) {
                byte[] payload = wirePayload(f, keepSecrets ? Secrets.NONE : log.secrets());
                data(f.dir(), f.isFirstChunk() ? f.header().rawHeader() : NO_BYTES, payload, f.nanos());
            }
        }

        void finish() throws IOException {
            tcp(Direction.OUT, Tcp.FIN | Tcp.ACK, NO_BYTES, NO_BYTES, 0, 0, lastNanos);
            tcp(Direction.IN, Tcp.FIN | Tcp.ACK, NO_BYTES, NO_BYTES, 0, 0, lastNanos);
            tcp(Direction.OUT, Tcp.ACK, NO_BYTES, NO_BYTES, 0, 0, lastNanos);
        }

        /** {@code head} then {@code body} as one run of bytes, in segments of at most {@link #MAX_SEGMENT}. */
        void data(Direction dir, byte[] head, byte[] body, long nanos) throws IOException {
            int total = head.length + body.length;
            for (int from = 0; from < total; from += MAX_SEGMENT) {
                tcp(dir, Tcp.PSH | Tcp.ACK, head, body, from, Math.min(MAX_SEGMENT, total - from), nanos);
            }
        }

        /** One packet whose TCP payload is bytes {@code from .. from + n} of {@code head} then {@code body}. */
        private void tcp(Direction dir, int flags, byte[] head, byte[] body, int from, int n, long nanos)
                throws IOException {
            lastNanos = Math.max(lastNanos, nanos);
            boolean out = dir == Direction.OUT;
            long seq = out ? clientSeq : serverSeq;
            long ack = (flags & Tcp.ACK) != 0 ? (out ? serverSeq : clientSeq) : 0;
            long advance = n + ((flags & (Tcp.SYN | Tcp.FIN)) != 0 ? 1 : 0);
            if (out) {
                clientSeq += advance;
            } else {
                serverSeq += advance;
            }
            Instant at = log.wallClock(lastNanos);
            byte[] b = packetBlock(54 + n);
            int p = Tcp.ETHERNET_AT;
            System.arraycopy(out ? SERVER_MAC : CLIENT_MAC, 0, b, p, 6);
            System.arraycopy(out ? CLIENT_MAC : SERVER_MAC, 0, b, p + 6, 6);
            b[p + 12] = 0x08;
            b[p + 13] = 0x00;
            Tcp.headers(b, out ? clientIp : serverIp, out ? serverIp : clientIp, out ? clientPort : SERVER_PORT,
                    out ? SERVER_PORT : clientPort, seq, ack, flags, n);
            int payloadAt = Tcp.PAYLOAD_AT;
            if (from < head.length) {
                int k = Math.min(n, head.length - from);
                System.arraycopy(head, from, b, payloadAt, k);
                System.arraycopy(body, 0, b, payloadAt + k, n - k);
            } else {
                System.arraycopy(body, from - head.length, b, payloadAt, n);
            }
            Tcp.checksums(b, n);
            writePacketBlock(54 + n, at.getEpochSecond() * 1_000_000_000L + at.getNano());
        }
    }

    /** The payload of the frame's chunk as it crossed the wire: secret values overwritten, then (re-)masked. */
    private static byte[] wirePayload(FrameEvent f, Secrets secrets) {
        FrameHeader h = f.header();
        byte[] payload = Redactor.payload(f.payload().bytes(), secrets);
        if (h.masked()) {
            payload = payload.clone();
            Masking.unmask(payload, 0, payload.length, h.maskingKey(), f.chunkOffset());
        }
        return payload;
    }

    /** The reused buffer of one enhanced packet block, large enough for a packet of {@code length} bytes. */
    private byte[] packetBlock(int length) {
        int total = EPB_OVERHEAD + pad(length);
        if (block.length < total) {
            block = new byte[Math.max(total, block.length * 2)];
        }
        return block;
    }

    /** Writes the enhanced packet block whose packet {@link #packetBlock} holds: its header, padding and trailer. */
    private void writePacketBlock(int length, long epochNanos) throws IOException {
        int total = EPB_OVERHEAD + pad(length);
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, EPB).putInt(4, total).putInt(8, 0).putInt(12, (int) (epochNanos >>> 32))
                .putInt(16, (int) epochNanos).putInt(20, length).putInt(24, length);
        Arrays.fill(block, Tcp.ETHERNET_AT + length, total - 4, (byte) 0);
        b.putInt(total - 4, total);
        out.write(block, 0, total);
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

    /** Ethernet + IPv4 + TCP headers with correct lengths and checksums, written in place in a packet block. */
    static final class Tcp {
        static final int FIN = 0x01;
        static final int SYN = 0x02;
        static final int PSH = 0x08;
        static final int ACK = 0x10;
        /** Where the packet starts in an enhanced packet block, and its IPv4 header, TCP header and payload. */
        static final int ETHERNET_AT = 28;
        static final int IP_AT = ETHERNET_AT + 14;
        static final int TCP_AT = IP_AT + 20;
        static final int PAYLOAD_AT = TCP_AT + 20;
        private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
                ByteOrder.BIG_ENDIAN);

        private Tcp() {
        }

        /** The IPv4 and TCP headers of a segment of {@code n} payload bytes, checksums left zero. */
        static void headers(byte[] b, byte[] srcIp, byte[] dstIp, int srcPort, int dstPort, long seq, long ack,
                            int flags, int n) {
            ByteBuffer ip = ByteBuffer.wrap(b, IP_AT, 40);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) (40 + n)).putShort((short) 0)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(srcIp).put(dstIp);
            ip.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                    .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0)
                    .putShort((short) 0);
        }

        /** Fills in the IPv4 header's checksum and the TCP checksum (over its pseudo header, header and payload). */
        static void checksums(byte[] b, int n) {
            int ip = checksum(b, IP_AT, 20, 0);
            b[IP_AT + 10] = (byte) (ip >> 8);
            b[IP_AT + 11] = (byte) ip;
            // The pseudo header: source and destination address (in the IPv4 header), zero, protocol 6, TCP length.
            int pseudo = sum(b, IP_AT + 12, 8, 6 + 20 + n);
            int tcp = checksum(b, TCP_AT, 20 + n, pseudo);
            b[TCP_AT + 16] = (byte) (tcp >> 8);
            b[TCP_AT + 17] = (byte) tcp;
        }

        /**
         * The 16-bit one's complement sum of {@code len} bytes (an odd last byte padded with zero) added to
         * {@code initial}, folded to 16 bits once at the end: the same value as folding after every addition.
         */
        static int sum(byte[] data, int off, int len, int initial) {
            long sum = initial;
            int end = off + len;
            int i = off;
            // A 32-bit word adds what its two 16-bit halves add, modulo 0xFFFF (2^16 = 1): the fold keeps it.
            for (; i + 3 < end; i += 4) {
                sum += (int) BIG_ENDIAN_INT.get(data, i) & 0xFFFF_FFFFL;
            }
            for (; i + 1 < end; i += 2) {
                sum += (data[i] & 0xFF) << 8 | data[i + 1] & 0xFF;
            }
            if (i < end) {
                sum += (data[i] & 0xFF) << 8;
            }
            while (sum >>> 16 != 0) {
                sum = (sum & 0xFFFF) + (sum >>> 16);
            }
            return (int) sum;
        }

        static int checksum(byte[] data, int off, int len, int initial) {
            return ~sum(data, off, len, initial) & 0xFFFF;
        }
    }
}
