package dev.framescope.wire;

import java.util.Arrays;

/**
 * Reads a raw DEFLATE stream (RFC 1951) for one fact {@link java.util.zip.Inflater} keeps to itself: how far back
 * each back-reference reaches. With {@code server_max_window_bits=N} negotiated, the server's LZ77 window is 2^N
 * bytes (RFC 7692 §7.1.2.1) and no distance may exceed it; zlib's inflater accepts up to 32 KiB whatever was agreed.
 *
 * <p>Nothing is inflated: blocks and Huffman codes are decoded only to find lengths and distances, and to count the
 * bytes a message inflates to so a finding can say where. Byte-fed in any split: a symbol (or a block header with
 * its code tables) cut short by the end of the input is read again, whole, when more bytes come. Malformed input
 * stops the reading until {@link #reset}; the inflater reports it ({@link Violation#DEFLATE_ERROR}).
 */
final class DeflateDistances {

    private static final int MAX_BITS = 15;
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
        10, 11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final Huffman FIXED_LITERALS;
    private static final Huffman FIXED_DISTANCES;

    static {
        int[] lengths = new int[288];
        Arrays.fill(lengths, 0, 144, 8);
        Arrays.fill(lengths, 144, 256, 9);
        Arrays.fill(lengths, 256, 280, 7);
        Arrays.fill(lengths, 280, 288, 8);
        FIXED_LITERALS = Huffman.of(lengths, 0, 288);
        int[] distances = new int[30];
        Arrays.fill(distances, 5);
        FIXED_DISTANCES = Huffman.of(distances, 0, 30);
    }

    /** Results of a step: done, the input ran out inside it, or the stream is malformed. */
    private static final int MORE = -1;
    private static final int BROKEN = -2;

    private enum State { BLOCK_HEADER, STORED, CODES, FINISHED, BROKEN }

    private final long window;
    private byte[] buffer = new byte[64];
    private int end;
    /** Read position in bits from the start of {@link #buffer}. */
    private long bit;
    private State state = State.BLOCK_HEADER;
    private boolean lastBlock;
    private int storedLeft;
    private Huffman literals;
    private Huffman distances;

    private long messageBytes;
    private long tooFarDistance;
    private long tooFarAt = -1;

    /** @param windowBits the negotiated LZ77 window (8-15): distances above 2^windowBits are too far */
    DeflateDistances(int windowBits) {
        this.window = 1L << windowBits;
    }

    /** Reads {@code len} more bytes of the stream, as far as whole symbols go. */
    void feed(byte[] b, int off, int len) {
        if (state == State.FINISHED || state == State.BROKEN || len == 0) {
            return;
        }
        append(b, off, len);
        while (true) {
            long mark = bit;
            int r = step();
            if (r == MORE) {
                bit = mark;
                return;
            }
            if (r == BROKEN) {
                state = State.BROKEN;
                return;
            }
            if (state == State.FINISHED) {
                return;
            }
        }
    }

    /** The first distance beyond the window since {@link #nextMessage}, or -1; see {@link #tooFarAt}. */
    long tooFarDistance() {
        return tooFarAt < 0 ? -1 : tooFarDistance;
    }

    /** Where in the inflated message that first too-far reference starts, or -1. */
    long tooFarAt() {
        return tooFarAt;
    }

    /** A new message begins on the same stream (context takeover): its counts start over. */
    void nextMessage() {
        messageBytes = 0;
        tooFarAt = -1;
    }

    /** A new stream begins (no context takeover, or after a final block). */
    void reset() {
        nextMessage();
        end = 0;
        bit = 0;
        state = State.BLOCK_HEADER;
        lastBlock = false;
    }

    private void append(byte[] b, int off, int len) {
        int consumed = (int) (bit >>> 3);
        int kept = end - consumed;
        if (kept + len > buffer.length) {
            byte[] grown = new byte[Math.max(buffer.length * 2, kept + len)];
            System.arraycopy(buffer, consumed, grown, 0, kept);
            buffer = grown;
        } else if (consumed > 0) {
            System.arraycopy(buffer, consumed, buffer, 0, kept);
        }
        bit -= (long) consumed << 3;
        end = kept;
        System.arraycopy(b, off, buffer, end, len);
        end += len;
    }

    private int step() {
        return switch (state) {
            case BLOCK_HEADER -> blockHeader();
            case STORED -> stored();
            case CODES -> symbol();
            case FINISHED, BROKEN -> MORE;
        };
    }

    private int blockHeader() {
        int header = bits(3);
        if (header < 0) {
            return MORE;
        }
        lastBlock = (header & 1) != 0;
        switch (header >>> 1) {
            case 0 -> {
                bit = (bit + 7) & ~7L;
                int len = bits(16);
                int nlen = bits(16);
                if (nlen < 0) {
                    return MORE;
                }
                if ((len ^ 0xFFFF) != nlen) {
                    return BROKEN;
                }
                storedLeft = len;
                state = State.STORED;
            }
            case 1 -> {
                literals = FIXED_LITERALS;
                distances = FIXED_DISTANCES;
                state = State.CODES;
            }
            case 2 -> {
                int r = dynamicTables();
                if (r < 0) {
                    return r;
                }
                state = State.CODES;
            }
            default -> {
                return BROKEN;
            }
        }
        return 0;
    }

    /** Stored bytes are counted, not decoded; whatever part of them is here now. */
    private int stored() {
        long available = end - (bit >>> 3);
        int n = (int) Math.min(available, storedLeft);
        if (n == 0 && storedLeft > 0) {
            return MORE;
        }
        bit += (long) n << 3;
        storedLeft -= n;
        messageBytes += n;
        if (storedLeft == 0) {
            endOfBlock();
        }
        return 0;
    }

    private int symbol() {
        int sym = decode(literals);
        if (sym < 0) {
            return sym;
        }
        if (sym < 256) {
            messageBytes++;
            return 0;
        }
        if (sym == 256) {
            endOfBlock();
            return 0;
        }
        sym -= 257;
        if (sym >= LENGTH_BASE.length) {
            return BROKEN;
        }
        int extra = bits(LENGTH_EXTRA[sym]);
        if (extra < 0) {
            return MORE;
        }
        int length = LENGTH_BASE[sym] + extra;
        int dsym = decode(distances);
        if (dsym < 0) {
            return dsym;
        }
        if (dsym >= DISTANCE_BASE.length) {
            return BROKEN;
        }
        int dextra = bits(DISTANCE_EXTRA[dsym]);
        if (dextra < 0) {
            return MORE;
        }
        int distance = DISTANCE_BASE[dsym] + dextra;
        if (distance > window && tooFarAt < 0) {
            tooFarDistance = distance;
            tooFarAt = messageBytes;
        }
        messageBytes += length;
        return 0;
    }

    private void endOfBlock() {
        state = lastBlock ? State.FINISHED : State.BLOCK_HEADER;
    }

    /** RFC 1951 §3.2.7: the code-length code, then the literal/length and distance code lengths. */
    private int dynamicTables() {
        int nlen = bits(5);
        int ndist = bits(5);
        int ncode = bits(4);
        if (ncode < 0) {
            return MORE;
        }
        nlen += 257;
        ndist += 1;
        ncode += 4;
        if (nlen > 286 || ndist > 30) {
            return BROKEN;
        }
        int[] lengths = new int[320];
        for (int i = 0; i < ncode; i++) {
            int l = bits(3);
            if (l < 0) {
                return MORE;
            }
            lengths[CODE_LENGTH_ORDER[i]] = l;
        }
        Huffman lencode = Huffman.of(lengths, 0, 19);
        if (lencode == null) {
            return BROKEN;
        }
        Arrays.fill(lengths, 0);
        int index = 0;
        while (index < nlen + ndist) {
            int sym = decode(lencode);
            if (sym < 0) {
                return sym;
            }
            if (sym < 16) {
                lengths[index++] = sym;
                continue;
            }
            int repeat;
            int value = 0;
            if (sym == 16) {
                if (index == 0) {
                    return BROKEN;
                }
                value = lengths[index - 1];
                repeat = bits(2);
                repeat = repeat < 0 ? MORE : 3 + repeat;
            } else if (sym == 17) {
                repeat = bits(3);
                repeat = repeat < 0 ? MORE : 3 + repeat;
            } else {
                repeat = bits(7);
                repeat = repeat < 0 ? MORE : 11 + repeat;
            }
            if (repeat < 0) {
                return MORE;
            }
            if (index + repeat > nlen + ndist) {
                return BROKEN;
            }
            Arrays.fill(lengths, index, index + repeat, value);
            index += repeat;
        }
        if (lengths[256] == 0) {
            return BROKEN;
        }
        literals = Huffman.of(lengths, 0, nlen);
        distances = Huffman.of(lengths, nlen, ndist);
        return literals == null || distances == null ? BROKEN : 0;
    }

    /** {@code n} (at most 24) bits, least significant first (RFC 1951 §3.1.1), or {@link #MORE}. */
    private int bits(int n) {
        if (bit + n > (long) end << 3) {
            return MORE;
        }
        int value = peek(n);
        bit += n;
        return value;
    }

    /** The next {@code n} (at most 24) bits without moving; those past the end of the input read as 0. */
    private int peek(int n) {
        int at = (int) (bit >>> 3);
        int word = 0;
        for (int i = 0; i < 4 && at + i < end; i++) {
            word |= (buffer[at + i] & 0xFF) << (8 * i);
        }
        return (word >>> (bit & 7)) & ((1 << n) - 1);
    }

    /**
     * One symbol: codes up to {@link Huffman#FAST_BITS} long through the lookup table, longer ones (and any near the
     * end of the input) bit by bit, codes being packed most significant bit first, after zlib's puff.c.
     */
    private int decode(Huffman h) {
        if (bit + Huffman.FAST_BITS <= (long) end << 3) {
            int entry = h.fast[peek(Huffman.FAST_BITS)];
            if (entry != 0) {
                bit += entry & 0xF;
                return entry >>> 4;
            }
        }
        int code = 0;
        int first = 0;
        int index = 0;
        for (int len = 1; len <= MAX_BITS; len++) {
            int b = bits(1);
            if (b < 0) {
                return MORE;
            }
            code |= b;
            int count = h.count[len];
            if (code - count < first) {
                return h.symbol[index + (code - first)];
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        return BROKEN;
    }

    /**
     * A canonical Huffman code: how many codes of each length, the symbols in code order, and for codes of at most
     * {@link #FAST_BITS} bits a table indexed by the next bits of the stream: symbol << 4 | length, 0 for longer.
     */
    private record Huffman(int[] count, int[] symbol, int[] fast) {

        static final int FAST_BITS = 9;

        /** Null when the lengths oversubscribe the code space. */
        static Huffman of(int[] lengths, int from, int n) {
            int[] count = new int[MAX_BITS + 1];
            for (int i = 0; i < n; i++) {
                count[lengths[from + i]]++;
            }
            int left = 1;
            for (int len = 1; len <= MAX_BITS; len++) {
                left = (left << 1) - count[len];
                if (left < 0) {
                    return null;
                }
            }
            int[] offsets = new int[MAX_BITS + 2];
            for (int len = 1; len < MAX_BITS; len++) {
                offsets[len + 1] = offsets[len] + count[len];
            }
            int[] symbol = new int[n];
            for (int i = 0; i < n; i++) {
                if (lengths[from + i] != 0) {
                    symbol[offsets[lengths[from + i]]++] = i;
                }
            }
            count[0] = 0;
            return new Huffman(count, symbol, fastTable(lengths, from, n, count));
        }

        /** RFC 1951 §3.2.2's canonical codes, written bit-reversed (as they arrive) into the lookup table. */
        private static int[] fastTable(int[] lengths, int from, int n, int[] count) {
            int[] next = new int[MAX_BITS + 1];
            int code = 0;
            for (int len = 1; len <= MAX_BITS; len++) {
                code = (code + count[len - 1]) << 1;
                next[len] = code;
            }
            int[] fast = new int[1 << FAST_BITS];
            for (int sym = 0; sym < n; sym++) {
                int len = lengths[from + sym];
                if (len == 0) {
                    continue;
                }
                int c = next[len]++;
                if (len > FAST_BITS) {
                    continue;
                }
                int reversed = Integer.reverse(c) >>> (32 - len);
                for (int fill = reversed; fill < fast.length; fill += 1 << len) {
                    fast[fill] = sym << 4 | len;
                }
            }
            return fast;
        }
    }
}
