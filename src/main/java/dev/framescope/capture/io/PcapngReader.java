package dev.framescope.capture.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the TCP segments of a pcapng file (Ethernet, IPv4, TCP: what our export writes, and what most captures of
 * one machine hold), one block at a time. Segments are handed out in file order with their 4-tuple; reassembly
 * and direction are the caller's.
 */
public final class PcapngReader {

    static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int LINKTYPE_ETHERNET = 1;

    /** One TCP segment. Addresses and ports identify the flow; {@code flags} are TCP's (SYN 0x02, ACK 0x10). */
    public record Segment(String source, String destination, int flags, byte[] payload, long epochNanos) {
        public boolean synOnly() {
            return (flags & 0x12) == 0x02;
        }
    }

    /** What the reader calls. */
    public interface Handler {
        void comment(String text) throws IOException;

        void segment(Segment s) throws IOException;
    }

    private final DataInputStream in;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private final List<long[]> interfaces = new ArrayList<>();
    private long offset;

    public PcapngReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** True when the bytes start with a pcapng section header block. */
    public static boolean isPcapng(byte[] start) {
        return start.length >= 4 && ByteBuffer.wrap(start, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == SHB;
    }

    public void read(Handler handler) throws IOException {
        byte[] head = new byte[8];
        while (true) {
            try {
                in.readFully(head);
            } catch (EOFException e) {
                return;
            }
            int type = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (type == SHB) {
                byte[] magic = new byte[4];
                in.readFully(magic);
                order = ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).getInt() == BYTE_ORDER_MAGIC
                        ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                interfaces.clear();
                int total = ByteBuffer.wrap(head, 4, 4).order(order).getInt();
                byte[] body = body(total, 12, offset);
                comments(body, 12, handler);
            } else {
                int total = ByteBuffer.wrap(head, 4, 4).order(order).getInt();
                byte[] body = body(total, 8, offset);
                int t = ByteBuffer.wrap(head, 0, 4).order(order).getInt();
                if (t == IDB) {
                    interfaces.add(new long[] {ByteBuffer.wrap(body).order(order).getShort() & 0xFFFF,
                            resolution(body)});
                } else if (t == EPB) {
                    packet(body, handler);
                }
            }
            offset += ByteBuffer.wrap(head, 4, 4).order(order).getInt();
        }
    }

    /** The rest of a block after {@code already} bytes, without its trailing length. */
    private byte[] body(int total, int already, long at) throws IOException {
        if (total < already + 4 || total > (1 << 28) || total % 4 != 0) {
            throw new Damaged("a pcapng block at byte offset " + at + " declares a length of " + total);
        }
        byte[] body = new byte[total - already - 4];
        try {
            in.readFully(body);
            in.readFully(new byte[4]);
        } catch (EOFException e) {
            throw new Damaged("the file ends inside the block at byte offset " + at + " (a torn tail)");
        }
        return body;
    }

    /** The file is damaged at a place the message names; what came before it was handed out. */
    public static final class Damaged extends IOException {
        Damaged(String message) {
            super(message);
        }
    }

    /** The section header's opt_comment options (code 1), after version and section length. */
    private void comments(byte[] body, int from, Handler handler) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(body).order(order);
        b.position(from);
        while (b.remaining() >= 4) {
            int code = b.getShort() & 0xFFFF;
            int length = b.getShort() & 0xFFFF;
            if (code == 0 || length > b.remaining()) {
                return;
            }
            byte[] value = new byte[length];
            b.get(value);
            b.position(b.position() + ((4 - length % 4) % 4));
            if (code == 1) {
                handler.comment(new String(value, StandardCharsets.UTF_8));
            }
        }
    }

    /** Nanoseconds per timestamp unit from the interface's if_tsresol option (code 9); microseconds if absent. */
    private long resolution(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body).order(order);
        b.position(8);
        while (b.remaining() >= 4) {
            int code = b.getShort() & 0xFFFF;
            int length = b.getShort() & 0xFFFF;
            if (code == 0 || length > b.remaining()) {
                break;
            }
            if (code == 9 && length >= 1) {
                int r = b.get(b.position()) & 0xFF;
                return (r & 0x80) == 0 && r <= 9 ? (long) Math.pow(10, 9 - r) : 1;
            }
            b.position(b.position() + length + ((4 - length % 4) % 4));
        }
        return 1_000;
    }

    private void packet(byte[] body, Handler handler) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(body).order(order);
        int iface = b.getInt();
        long ts = (b.getInt() & 0xFFFFFFFFL) << 32 | (b.getInt() & 0xFFFFFFFFL);
        int captured = b.getInt();
        b.getInt();
        if (iface >= interfaces.size() || interfaces.get(iface)[0] != LINKTYPE_ETHERNET || captured > b.remaining()) {
            return;
        }
        int p = 20;
        if (captured < 14 + 20 + 20 || (body[p + 12] & 0xFF) != 0x08 || body[p + 13] != 0) {
            return;
        }
        int ip = p + 14;
        int ihl = (body[ip] & 0x0F) * 4;
        if ((body[ip] & 0xF0) != 0x40 || body[ip + 9] != 6) {
            return;
        }
        int ipLength = (body[ip + 2] & 0xFF) << 8 | body[ip + 3] & 0xFF;
        int tcp = ip + ihl;
        int dataOffset = (body[tcp + 12] & 0xF0) >>> 2;
        int from = tcp + dataOffset;
        int end = Math.min(p + captured, ip + ipLength);
        String src = ip(body, ip + 12) + ":" + port(body, tcp);
        String dst = ip(body, ip + 16) + ":" + port(body, tcp + 2);
        byte[] payload = from < end ? Arrays.copyOfRange(body, from, end) : new byte[0];
        handler.segment(new Segment(src, dst, body[tcp + 13] & 0xFF, payload, ts * interfaces.get(iface)[1]));
    }

    private static String ip(byte[] b, int at) {
        return (b[at] & 0xFF) + "." + (b[at + 1] & 0xFF) + "." + (b[at + 2] & 0xFF) + "." + (b[at + 3] & 0xFF);
    }

    private static int port(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }
}
