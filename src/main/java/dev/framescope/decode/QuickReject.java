package dev.framescope.decode;

/**
 * Cheap negatives for the binary formats, run before a full decode: a walk over the bytes' structure that builds
 * nothing and throws nothing. Each answers "the full decode would fail", and says so only when it is certain;
 * anything it does not follow exactly is left to the decoder. Detection runs every binary decoder on every binary
 * payload (and on every payload that reads as base64), and most bytes are no format at all.
 */
final class QuickReject {

    private static final int TRUNCATED = -1;
    private static final int UNSURE = -2;

    private QuickReject() {
    }

    /**
     * True when {@code b} is not one whole MessagePack value: a length or count runs past the end, the byte 0xc1
     * (never used) appears, or bytes follow the first value. The decoder fails on each of these.
     */
    static boolean notMsgpack(byte[] b) {
        int pos = 0;
        long pending = 1;
        while (pending > 0) {
            if (pending > b.length - pos) {
                return true;
            }
            int f = b[pos++] & 0xff;
            pending--;
            long skip;
            if (f <= 0x7f || f >= 0xe0 || f == 0xc0 || f == 0xc2 || f == 0xc3) {
                skip = 0;
            } else if (f <= 0x8f) {
                pending += 2L * (f & 0x0f);
                skip = 0;
            } else if (f <= 0x9f) {
                pending += f & 0x0f;
                skip = 0;
            } else if (f <= 0xbf) {
                skip = f & 0x1f;
            } else if (f == 0xc1) {
                return true;
            } else if (f <= 0xcb && f >= 0xca) {
                skip = f == 0xca ? 4 : 8;
            } else if (f >= 0xcc && f <= 0xd3) {
                skip = 1 << ((f - 0xcc) & 3);
            } else if (f >= 0xd4 && f <= 0xd8) {
                skip = 1 + (1 << (f - 0xd4));
            } else {
                // bin 8/16/32, ext 8/16/32, str 8/16/32: a length; array 16/32, map 16/32: a count.
                int n = lengthBytes(f);
                long value = unsigned(b, pos, n);
                if (value < 0) {
                    return true;
                }
                if (f >= 0xdc) {
                    pending += f <= 0xdd ? value : 2 * value;
                    skip = n;
                } else {
                    skip = n + value + (f >= 0xc7 && f <= 0xc9 ? 1 : 0);
                }
            }
            if (skip < 0 || skip > b.length - pos) {
                return true;
            }
            pos += (int) skip;
        }
        return pos != b.length;
    }

    /** Bytes of the length or count after a bin, ext, str, array or map format byte (0xc4-0xc9, 0xd9-0xdf). */
    private static int lengthBytes(int f) {
        if (f <= 0xc6) {
            return 1 << (f - 0xc4);
        }
        if (f <= 0xc9) {
            return 1 << (f - 0xc7);
        }
        if (f <= 0xdb) {
            return 1 << (f - 0xd9);
        }
        return f <= 0xdd ? 2 << (f - 0xdc) : 2 << (f - 0xde);
    }

    /**
     * True when {@code b} is certainly not one whole CBOR data item as Jackson's parser reads it: the first item
     * (definite lengths, tags, simple values) runs past the end, or bytes other than tags running to the end follow
     * it (the parser reads them as trailing data, or fails on them; tags at the very end it passes over, which
     * {@code QuickRejectTest} pins down). Indefinite lengths and reserved additional information in the item are
     * left to the parser.
     */
    static boolean notCbor(byte[] b) {
        int end = cborItem(b);
        if (end == TRUNCATED) {
            return true;
        }
        if (end < 0) {
            return false;
        }
        // What follows the item: tags that run to the very end are skipped by the parser as if absent (the item
        // then decodes); anything else after them is read as another item (trailing data) or fails.
        int p = end;
        while (p < b.length && (b[p] & 0xff) >= 0xc0 && (b[p] & 0xff) <= 0xdb) {
            int info = b[p] & 0x1f;
            p += 1 + (info < 24 ? 0 : 1 << (info - 24));
        }
        return p != b.length;
    }

    /** The offset after the first data item, {@link #TRUNCATED}, or {@link #UNSURE}. */
    private static int cborItem(byte[] b) {
        int pos = 0;
        long pending = 1;
        while (pending > 0) {
            if (pending > b.length - pos) {
                return TRUNCATED;
            }
            int initial = b[pos++] & 0xff;
            int major = initial >>> 5;
            int info = initial & 0x1f;
            if (info >= 28) {
                return UNSURE;
            }
            int n = info < 24 ? 0 : 1 << (info - 24);
            if (n > b.length - pos) {
                return TRUNCATED;
            }
            long argument = n == 0 ? info : unsigned(b, pos, n);
            pos += n;
            switch (major) {
                case 2, 3 -> {
                    if (argument < 0 || argument > b.length - pos) {
                        return TRUNCATED;
                    }
                    pos += (int) argument;
                    pending--;
                }
                case 4 -> pending += argument < 0 ? Long.MAX_VALUE / 2 : argument - 1;
                case 5 -> pending += argument < 0 || argument > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 2
                        : 2 * argument - 1;
                case 6 -> {
                    // A tag: the item it tags follows, still pending.
                }
                default -> pending--;
            }
        }
        return pos;
    }

    /** Big-endian unsigned integer of {@code n} bytes at {@code pos}; -1 when it runs past the end or past 63 bits. */
    private static long unsigned(byte[] b, int pos, int n) {
        if (n > b.length - pos) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[pos + i] & 0xff);
        }
        return n == 8 && v < 0 ? -1 : v;
    }
}
