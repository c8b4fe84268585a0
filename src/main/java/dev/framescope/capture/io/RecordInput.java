package dev.framescope.capture.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads the records of a version 2 session file by position, through one fixed window, and checks each one's
 * length and CRC-32C. It never trusts a length before the record's checksum holds, so a damaged record cannot make
 * it read past the file or allocate more than the file holds.
 */
final class RecordInput implements AutoCloseable {

    private static final int WINDOW = 1 << 20;
    private static final int REUSABLE = 1 << 16;
    /** The most a record of the reusable body's size spans: type, a 5-byte length, the body, the checksum. */
    private static final int FAST_SPAN = 1 + 5 + REUSABLE + 4;
    private static final End END = new End();

    /** What lies at a position. */
    sealed interface At {
    }

    /** A whole record whose checksum holds. */
    record Whole(int type, byte[] body, int length, long next) implements At {
    }

    /** Something that is not a whole record, and why. */
    record Damaged(String reason, boolean runsPastEnd) implements At {
    }

    record End() implements At {
    }

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart;
    private int windowLength;
    private final byte[] reusable = new byte[REUSABLE];
    private final CRC32C crc = new CRC32C();

    RecordInput(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    /** The file's first bytes (fewer if it is shorter). */
    byte[] start(int n) throws IOException {
        int len = (int) Math.min(n, size);
        byte[] out = new byte[len];
        read(0, out, 0, len);
        return out;
    }

    /** The record at {@code pos}. Its body array is reused by the next call unless it was large. */
    At at(long pos) throws IOException {
        if (pos >= size) {
            return END;
        }
        Whole whole = wholeInWindow(pos);
        if (whole != null) {
            return whole;
        }
        int type = byteAt(pos);
        if (!V2Codec.knownType(type)) {
            return new Damaged(String.format("no record starts here (type byte 0x%02x)", type), false);
        }
        long length = 0;
        long p = pos + 1;
        for (int shift = 0; ; shift += 7) {
            if (p >= size) {
                return new Damaged("the file ends inside the record's length", true);
            }
            int b = byteAt(p++);
            length |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            if (shift >= 28) {
                return new Damaged("a record length longer than 5 bytes", false);
            }
        }
        if (length > V2Codec.LONGEST_RECORD) {
            return new Damaged("a record length of " + length + " bytes", false);
        }
        if (p + length + 4 > size) {
            return new Damaged("the record's " + length + " bytes run past the end of the file", true);
        }
        byte[] body = length <= reusable.length ? reusable : new byte[(int) length];
        read(p, body, 0, (int) length);
        crc.reset();
        for (long q = pos; q < p; q++) {
            crc.update(byteAt(q));
        }
        crc.update(body, 0, (int) length);
        long sumAt = p + length;
        int stored = byteAt(sumAt) | byteAt(sumAt + 1) << 8 | byteAt(sumAt + 2) << 16 | byteAt(sumAt + 3) << 24;
        if (stored != (int) crc.getValue()) {
            return new Damaged("checksum mismatch (the record is damaged)", false);
        }
        return new Whole(type, body, (int) length, sumAt + 4);
    }

    /**
     * The common case of {@link #at} in one pass over the window's array: a record of at most the reusable body's
     * size whose checksum holds. Null for anything else (a large, damaged or torn record), which {@link #at} then
     * reads byte by byte to say what it is.
     */
    private Whole wholeInWindow(long pos) throws IOException {
        int span = (int) Math.min(size - pos, FAST_SPAN);
        if (pos < windowStart || pos + span > windowStart + windowLength) {
            fill(pos);
        }
        byte[] w = window.array();
        int start = (int) (pos - windowStart);
        int limit = start + span;
        int type = w[start] & 0xFF;
        if (!V2Codec.knownType(type)) {
            return null;
        }
        int p = start + 1;
        long length = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (p >= limit) {
                return null;
            }
            int b = w[p++] & 0xFF;
            length |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (length > reusable.length || p + length + 4 > limit) {
                    return null;
                }
                int len = (int) length;
                crc.reset();
                crc.update(w, start, p - start + len);
                int s = p + len;
                int stored = (w[s] & 0xFF) | (w[s + 1] & 0xFF) << 8 | (w[s + 2] & 0xFF) << 16
                        | (w[s + 3] & 0xFF) << 24;
                if (stored != (int) crc.getValue()) {
                    return null;
                }
                System.arraycopy(w, p, reusable, 0, len);
                return new Whole(type, reusable, len, pos + (s + 4 - start));
            }
        }
        return null;
    }

    /** The next position after {@code from} where a whole record starts, or the file size if none does. */
    long resync(long from) throws IOException {
        for (long q = from; q < size; q++) {
            if (V2Codec.knownType(byteAt(q)) && at(q) instanceof Whole) {
                return q;
            }
        }
        return size;
    }

    private int byteAt(long pos) throws IOException {
        if (pos < windowStart || pos >= windowStart + windowLength) {
            fill(pos);
        }
        return window.get((int) (pos - windowStart)) & 0xFF;
    }

    private void read(long pos, byte[] dst, int off, int len) throws IOException {
        if (len > WINDOW / 2) {
            ByteBuffer direct = ByteBuffer.wrap(dst, off, len);
            long at = pos;
            while (direct.hasRemaining()) {
                int n = channel.read(direct, at);
                if (n < 0) {
                    throw new EOFException("file ended at " + at);
                }
                at += n;
            }
            return;
        }
        if (pos < windowStart || pos + len > windowStart + windowLength) {
            fill(pos);
        }
        System.arraycopy(window.array(), (int) (pos - windowStart), dst, off, len);
    }

    private void fill(long pos) throws IOException {
        window.clear();
        long at = pos;
        while (window.hasRemaining() && at < size) {
            int n = channel.read(window, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        windowStart = pos;
        windowLength = window.position();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
