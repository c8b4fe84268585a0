package dev.framescope.engine;

import dev.framescope.capture.CaptureLog;
import dev.framescope.wire.ExtensionOffer;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.StreamDissector;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Spares Java-WebSocket the server's plain frames, which it would only decode and throw away.
 *
 * <p>Most of what a server sends is <em>plain</em> ({@link StreamDissector#plainFrameAt}): a whole, final TEXT
 * (valid UTF-8) or BINARY frame, unmasked, uncompressed, minimally encoded, at most 256 KiB, with no fragmented
 * message open. Such a frame breaks no rule and is a message on its own, so the dissector has nothing to say about
 * it beyond its bytes, and the library — whose messages the engine ignores, because the capture comes from the tap —
 * has no action to take on it. On each socket read the tap hands the server's bytes to the recorder, which does:
 * <ol>
 *   <li>{@link #take}: the dissector moves past the run of plain frames at the current position
 *       ({@link StreamDissector#takePlainFrames}, filling a reused {@link PlainFrames} cursor), and the log stores
 *       them compactly ({@link CaptureLog#appendPlainFrames}: a record of primitives per frame, no event objects);
 *       while the bypass is {@linkplain #active() active}, their byte range is noted as withheld;</li>
 *   <li>everything else (control frames, fragments, compressed or broken frames) goes through the dissector's
 *       general path, and stays in the read for the library, which must answer pings, run the close handshake and
 *       fail on errors;</li>
 *   <li>a plain frame cut by the end of the read is carried to the next read instead of being split (see
 *       {@code TappedSocket}), so it can still be withheld whole;</li>
 *   <li>{@link #compact}: the bytes the library must still see move to the front of the read buffer, and
 *       {@code TappedSocket} passes only those on.</li>
 * </ol>
 * The library thus sees a valid frame stream with the plain frames cut out at frame boundaries. The bypass is
 * active only when every negotiated extension is one the dissector inflates itself (permessage-deflate, per-frame
 * deflate): a user's extension (the SPI) may transform any frame inside the library, so then the library sees all,
 * as it does when the engine is told to ({@link EngineSettings#libraryReadsEveryFrame}, a comparison switch).
 *
 * <p>Confined to the thread that reads the server's bytes (the recorder calls it under its inbound lock).
 */
final class PlainFrameBypass {

    private final boolean allowed;
    private volatile boolean active;
    private final PlainFrames run = new PlainFrames();
    /** Withheld byte ranges of the current read: start, end, start, end… */
    private int[] ranges = new int[16];
    private int count;

    /** @param allowed false when the library must read every frame whatever is negotiated */
    PlainFrameBypass(boolean allowed) {
        this.allowed = allowed;
    }

    /** The server switched protocols with these extensions: the bypass is active if none may transform frames. */
    void negotiated(List<ExtensionOffer> accepted) {
        active = allowed && accepted.stream().allMatch(e -> e.name().equalsIgnoreCase("permessage-deflate")
                || PerFrameDeflateExtension.handles(e.name()));
    }

    /** Whether plain frames are withheld from the library (else it reads every frame, as without Framescope). */
    boolean active() {
        return active;
    }

    /**
     * Records the plain frames at {@code in}'s position, stamped {@code nanos}, and withholds them when active.
     *
     * @return the bytes taken (0 when the next frame is not plain)
     */
    int take(StreamDissector dissector, ByteBuffer in, long nanos, CaptureLog log) {
        int start = in.position();
        int taken = dissector.takePlainFrames(in, run);
        if (taken > 0) {
            log.appendPlainFrames(nanos, run);
            if (active) {
                withhold(start, start + taken);
            }
        }
        return taken;
    }

    private void withhold(int start, int end) {
        if (count > 0 && ranges[count - 1] == start) {
            ranges[count - 1] = end;
            return;
        }
        if (count == ranges.length) {
            ranges = Arrays.copyOf(ranges, count * 2);
        }
        ranges[count++] = start;
        ranges[count++] = end;
    }

    /**
     * Moves the bytes of {@code b[off..off+len)} outside the withheld ranges to its front; returns how many there
     * are, and forgets the ranges for the next read.
     */
    int compact(byte[] b, int off, int len) {
        if (count == 0) {
            return len;
        }
        int write = off;
        int read = off;
        for (int i = 0; i < count; i += 2) {
            int keep = ranges[i] - read;
            System.arraycopy(b, read, b, write, keep);
            write += keep;
            read = ranges[i + 1];
        }
        System.arraycopy(b, read, b, write, off + len - read);
        write += off + len - read;
        count = 0;
        return write - off;
    }
}
