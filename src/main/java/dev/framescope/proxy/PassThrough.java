package dev.framescope.proxy;

import dev.framescope.wire.FrameHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A {@link DirectionGate}'s short cut while nothing can be held: the bytes go on as read, in one write per read,
 * and only the frame headers are read — enough to know where messages end on the wire, which is where a waiting
 * injection goes and where the gate may go back to dissecting (a breakpoint applied, for one). The payloads are not
 * unmasked, inflated or copied: the recorder, which saw the same read before, has dissected them. Without this
 * every WebSocket in the window (gated so that a message can be injected at any moment) was dissected twice on the
 * relay's thread.
 */
final class PassThrough {

    /** Told of each message boundary on the wire while passing. */
    interface Boundary {
        /** Whether passing goes on here with nothing to do: asked at every boundary, so cheap. */
        boolean quiet();

        /** Not quiet: the bytes before the boundary are written; true to go on passing, false to stop here. */
        boolean reached() throws IOException;
    }

    private static final int MAX_HEADER = 14;

    private final byte[] header = new byte[MAX_HEADER];
    private int headerLength;
    private long payloadLeft;
    private boolean inFragmentedMessage;
    private boolean on;

    boolean on() {
        return on;
    }

    /** Passing starts at a message boundary. */
    void start() {
        on = true;
        headerLength = 0;
        payloadLeft = 0;
        inFragmentedMessage = false;
    }

    void stop() {
        on = false;
    }

    /** Between frames and outside any fragmented message. */
    boolean atMessageBoundary() {
        return headerLength == 0 && payloadLeft == 0 && !inFragmentedMessage;
    }

    /**
     * Writes {@code b[off, off + len)} to {@code out} (in one write unless a boundary is not quiet), asking
     * {@code boundary} at each message boundary whether to go on. Returns where passing stopped ({@code off + len} when it did not): the bytes from there on are the
     * caller's, and {@link #on()} is false.
     */
    int pass(byte[] b, int off, int len, OutputStream out, Boundary boundary) throws IOException {
        int end = off + len;
        int at = off;
        int written = off;
        int asked = -1;
        while (true) {
            if (atMessageBoundary() && asked != at && !boundary.quiet()) {
                asked = at;
                out.write(b, written, at - written);
                written = at;
                if (!boundary.reached()) {
                    on = false;
                    return at;
                }
            }
            if (at == end) {
                break;
            }
            at = step(b, at, end);
        }
        out.write(b, written, end - written);
        return end;
    }

    /** Moves past one frame's payload, or one frame's header (or as much of either as there is). */
    private int step(byte[] b, int at, int end) {
        if (payloadLeft > 0) {
            int take = (int) Math.min(payloadLeft, end - at);
            payloadLeft -= take;
            return at + take;
        }
        if (headerLength == 0 && end - at >= FrameHeaders.FIXED_BYTES) {
            int size = FrameHeaders.size(b[at + 1] & 0xFF);
            if (end - at >= size) {
                // The whole header is in the read, as nearly always: read where it lies, not byte by byte.
                headerEnded(b[at], FrameHeaders.payloadLength(ByteBuffer.wrap(b), at));
                return at + size;
            }
        }
        int wanted = headerLength < FrameHeaders.FIXED_BYTES ? FrameHeaders.FIXED_BYTES
                : FrameHeaders.size(header[1] & 0xFF);
        int take = Math.min(wanted - headerLength, end - at);
        System.arraycopy(b, at, header, headerLength, take);
        headerLength += take;
        if (headerLength == FrameHeaders.FIXED_BYTES && FrameHeaders.size(header[1] & 0xFF) > headerLength) {
            return at + take;
        }
        if (headerLength == wanted) {
            headerEnded();
        }
        return at + take;
    }

    private void headerEnded() {
        headerEnded(header[0], FrameHeaders.payloadLength(ByteBuffer.wrap(header), 0));
    }

    private void headerEnded(byte first, long length) {
        if ((first & 0x0F) < 8) {
            inFragmentedMessage = (first & 0x80) == 0;
        }
        // A 64-bit length with its top bit set (a violation the recorder names): no boundary can be found again.
        payloadLeft = length < 0 ? Long.MAX_VALUE : length;
        headerLength = 0;
    }
}
