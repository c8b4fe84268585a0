package dev.framescope.bench;

import dev.framescope.wire.Dissected;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Ours, the way {@code ConnectionRecorder} reads a server: runs of plain frames taken where they lie in the read
 * buffer ({@link StreamDissector#takePlainFrames}), a plain frame cut by the end of a read carried over to the next
 * one, anything else through the dissector's general path. A server's payload reaches the sink as a place in the
 * buffer (array, length), as the capture's payload store then copies it; a client's masked payload
 * ({@link StreamDissector#takeMaskedPlainFrames}) is copied out unmasked into a reused block, as into the
 * capture's payload blocks. Either way a plain frame costs no allocation.
 */
final class FramescopeDecoder implements StreamDecoder {

    private static final int KEEP_IN_CACHE = 64 * 1024;

    private final boolean masked;
    private final StreamDissector dissector;
    /** Where a client's payloads are copied unmasked, one after another, as into the capture's payload blocks. */
    private final byte[] block = new byte[1 << 20];
    private int blockFill;
    private final PlainFrames run = new PlainFrames();
    private final List<Dissected> items = new ArrayList<>();
    /** A read plus a carried plain frame of the largest size the fast path takes. */
    private final ByteBuffer input = ByteBuffer.allocate(FrameStreams.READ_SIZE + StreamDissector.PLAIN_MAX_PAYLOAD + 14);

    FramescopeDecoder(boolean masked) {
        this.masked = masked;
        dissector = new StreamDissector(masked ? Sender.CLIENT : Sender.SERVER);
    }

    /** A server's payload is handed over where it lies; a client's is first copied out unmasked into the block. */
    private void deliver(int i, Sink sink) {
        int length = run.payloadLength(i);
        if (!masked) {
            sink.payload(run.array(), length);
            return;
        }
        if (block.length - blockFill < length) {
            blockFill = 0;
        }
        run.copyPayload(i, block, blockFill);
        blockFill += length;
        sink.payload(block, length);
    }

    @Override
    public void decode(byte[][] reads, Sink sink) {
        int start = 0;
        int end = 0;
        byte[] array = input.array();
        for (byte[] read : reads) {
            // Slide the carried bytes back once they sit past a frame's worth, so the buffer stays in cache.
            if (array.length - end < read.length || start >= KEEP_IN_CACHE) {
                System.arraycopy(array, start, array, 0, end - start);
                end -= start;
                start = 0;
            }
            System.arraycopy(read, 0, array, end, read.length);
            end += read.length;
            input.limit(end).position(start);
            dissect(sink);
            start = input.position();
            if (start == end) {
                start = 0;
                end = 0;
            }
        }
    }

    private void dissect(Sink sink) {
        while (input.hasRemaining()) {
            if (masked ? dissector.takeMaskedPlainFrames(input, run) > 0 : dissector.takePlainFrames(input, run) > 0) {
                for (int i = 0; i < run.count(); i++) {
                    deliver(i, sink);
                }
            }
            if (dissector.plainFrameUnfinished(input)) {
                return;
            }
            items.clear();
            if (!input.hasRemaining() || !dissector.feedOne(input, items)) {
                return;
            }
            for (Dissected item : items) {
                if (item instanceof Dissected.FrameItem f) {
                    sink.payload(f.frame().payload(), f.frame().payload().length);
                }
            }
        }
    }
}
