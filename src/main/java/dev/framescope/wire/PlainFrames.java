package dev.framescope.wire;

import java.util.Arrays;

/**
 * A cursor over a run of plain frames that {@link StreamDissector#takePlainFrames} found back to back in one
 * buffer: where each frame starts in {@link #array()}, its header size, its payload length and its offset in the
 * stream. One instance is reused read after read, so the fast path allocates nothing per frame; its contents are
 * valid until the next take.
 */
public final class PlainFrames {

    private Sender sender = Sender.SERVER;
    private byte[] array = new byte[0];
    private int count;
    private long payloadBytes;
    private int[] start = new int[64];
    private int[] headerBytes = new int[64];
    private int[] payloadLength = new int[64];
    private long[] streamOffset = new long[64];

    /** Frames in the run. */
    public int count() {
        return count;
    }

    public Sender sender() {
        return sender;
    }

    /** The buffer's backing array: frame {@code i} starts at {@code array()[frameStart(i)]}. */
    public byte[] array() {
        return array;
    }

    public int frameStart(int i) {
        return start[i];
    }

    public int headerBytes(int i) {
        return headerBytes[i];
    }

    public int payloadLength(int i) {
        return payloadLength[i];
    }

    /** Where frame {@code i}'s first byte lies in its direction's stream. */
    public long streamOffset(int i) {
        return streamOffset[i];
    }

    /** Payload bytes of the whole run. */
    public long payloadBytes() {
        return payloadBytes;
    }

    void clear(Sender from, byte[] backing) {
        sender = from;
        array = backing;
        count = 0;
        payloadBytes = 0;
    }

    void add(int frameStart, int header, int length, long offset) {
        if (count == start.length) {
            int n = count * 2;
            start = Arrays.copyOf(start, n);
            headerBytes = Arrays.copyOf(headerBytes, n);
            payloadLength = Arrays.copyOf(payloadLength, n);
            streamOffset = Arrays.copyOf(streamOffset, n);
        }
        start[count] = frameStart;
        headerBytes[count] = header;
        payloadLength[count] = length;
        streamOffset[count] = offset;
        count++;
        payloadBytes += length;
    }
}
