package dev.framescope.capture.io;

import dev.framescope.capture.Payload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The byte layer of a version 2 session file (docs/session-format-v2.md): records of {@code type, length, body,
 * CRC-32C}, buffered in one fixed array. A record's small fields are built in a scratch buffer first so its length
 * is known before its payloads stream through; a payload larger than the buffer goes to the stream directly, in the
 * pieces its {@link Payload} hands out, so no record is ever held whole.
 */
final class RecordOutput implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int fill;
    private final CRC32C crc = new CRC32C();
    private long position;
    /** The small fields of the record being built. */
    final Scratch fields = new Scratch();

    RecordOutput(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far (buffered ones included). */
    long position() {
        return position;
    }

    void raw(byte[] bytes) throws IOException {
        put(bytes, 0, bytes.length);
    }

    /** Writes a record: type, length of fields + payloads, the fields, each payload, the checksum. */
    void record(int type, Payload... payloads) throws IOException {
        long length = fields.size;
        for (Payload p : payloads) {
            length += p.length();
        }
        if (length > V2Codec.LONGEST_RECORD) {
            throw new IOException("a record of " + length + " bytes is longer than a session file allows");
        }
        crc.reset();
        ensure(1 + 10);
        int start = fill;
        buf[fill++] = (byte) type;
        fill = V2Codec.putVarint(buf, fill, length);
        crc.update(buf, start, fill - start);
        position += fill - start;
        checked(fields.bytes, 0, fields.size);
        for (Payload p : payloads) {
            p.copyTo(checkedStream);
        }
        int sum = (int) crc.getValue();
        ensure(4);
        buf[fill++] = (byte) sum;
        buf[fill++] = (byte) (sum >>> 8);
        buf[fill++] = (byte) (sum >>> 16);
        buf[fill++] = (byte) (sum >>> 24);
        position += 4;
        fields.size = 0;
    }

    private final OutputStream checkedStream = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            checked(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checked(b, off, len);
        }
    };

    private void checked(byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        put(b, off, len);
    }

    private void put(byte[] b, int off, int len) throws IOException {
        position += len;
        if (len > BUFFER - fill) {
            drain();
            if (len > BUFFER / 2) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, fill, len);
        fill += len;
    }

    private void ensure(int n) throws IOException {
        if (BUFFER - fill < n) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, fill);
        fill = 0;
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    /** A growable buffer for a record's small fields. */
    static final class Scratch {
        byte[] bytes = new byte[256];
        int size;

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        Scratch u8(int v) {
            room(1);
            bytes[size++] = (byte) v;
            return this;
        }

        Scratch varint(long v) {
            room(10);
            size = V2Codec.putVarint(bytes, size, v);
            return this;
        }

        Scratch signed(long v) {
            return varint(v << 1 ^ v >> 63);
        }

        Scratch bytes(byte[] b) {
            varint(b.length);
            room(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
            return this;
        }

        Scratch string(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
