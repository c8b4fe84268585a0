package dev.framescope.capture.io;

import dev.framescope.wire.Finding;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Constants and small field codecs of session format version 2 (docs/session-format-v2.md). Integers are unsigned
 * LEB128 varints (signed ones zig-zag encoded first), strings and byte strings a varint length then the bytes.
 */
final class V2Codec {

    /** The first 8 bytes of a version 2 file; a version 1 file starts with '{'. */
    static final byte[] MAGIC = {(byte) 0x89, 'F', 'S', 'C', 'A', 'P', '2', '\n'};
    static final long LONGEST_RECORD = 1L << 30;

    static final int HEADER = 'H';
    static final int CONNECTION = 'C';
    static final int FRAME = 'F';
    static final int MESSAGE = 'M';
    /** Any other event, as its version 1 JSON object (rare: handshakes, states, closes, notes…). */
    static final int EVENT = 'E';

    static boolean knownType(int type) {
        return type == HEADER || type == CONNECTION || type == FRAME || type == MESSAGE || type == EVENT;
    }

    // Frame flags.
    static final int F_OUT = 1;
    static final int F_LAST_CHUNK = 1 << 1;
    static final int F_MESSAGE_OPCODE = 1 << 2;
    static final int F_MESSAGE_TEXT = 1 << 3;
    static final int F_INFLATED = 1 << 4;
    static final int F_FINDINGS = 1 << 5;
    static final int F_CHUNK_OFFSET = 1 << 6;

    // Message flags.
    static final int M_OUT = 1;
    static final int M_COMPRESSED = 1 << 1;
    /** The bytes are the pending data chunks of this direction (their inflations when inflated), concatenated. */
    static final int M_FROM_FRAMES = 1 << 2;
    static final int M_FINDINGS = 1 << 3;

    private V2Codec() {
    }

    static int putVarint(byte[] b, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            b[at++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    static void findings(RecordOutput.Scratch out, List<Finding> findings) {
        out.varint(findings.size());
        for (Finding f : findings) {
            out.string(f.violation().id()).signed(f.streamOffset()).string(f.detail());
        }
    }

    /** A record body being read; every read checks its bounds (a short body is a damaged record). */
    static final class Body {
        final byte[] bytes;
        int at;
        final int end;

        Body(byte[] bytes, int length) {
            this.bytes = bytes;
            this.end = length;
        }

        int u8() {
            need(1);
            return bytes[at++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("a varint longer than 10 bytes at body byte " + at);
        }

        int length() {
            long n = varint();
            if (n < 0 || n > end - at) {
                throw new IllegalArgumentException("a length of " + n + " runs past the record (" + (end - at)
                        + " bytes left)");
            }
            return (int) n;
        }

        long signed() {
            long v = varint();
            return v >>> 1 ^ -(v & 1);
        }

        byte[] bytes() {
            return take(length());
        }

        byte[] take(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(bytes, at, at + n);
            at += n;
            return out;
        }

        String string() {
            int n = length();
            String s = new String(bytes, at, n, StandardCharsets.UTF_8);
            at += n;
            return s;
        }

        List<Finding> findings() {
            int n = (int) varint();
            List<Finding> out = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
                String id = string();
                long offset = signed();
                out.add(new Finding(Violation.valueOf(id), string(), offset));
            }
            return out;
        }

        private void need(int n) {
            if (n < 0 || at + n > end) {
                throw new IllegalArgumentException("record body ends after " + end + " bytes, " + n + " more needed");
            }
        }
    }
}
