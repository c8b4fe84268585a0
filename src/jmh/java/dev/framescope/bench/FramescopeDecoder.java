package dev.framescope.bench;

import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameDecoder;
import dev.framescope.wire.PlainFrames;
import dev.framescope.wire.Sender;
import dev.framescope.wire.StreamDissector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ours, as the capture runs it. A server's frames (unmasked) go the way {@code ConnectionRecorder} reads them: runs
 * of plain frames taken where they lie in the read buffer ({@link StreamDissector#takePlainFrames}), a plain frame
 * cut by the end of a read carried over to the next one, anything else through the dissector's general path; the
 * sink gets each payload as a place in the buffer (array, offset, length), as the capture's payload store copies
 * it, so a plain frame costs no allocation. A client's frames (masked, never plain) go through {@code FrameDecoder},
 * each with an unmasked copy of its payload.
 */
final class FramescopeDecoder implements StreamDecoder {

    private final boolean masked;
    private final FrameDecoder decoder;
    private final StreamDissector dissector = new StreamDissector(Sender.SERVER);
    private final PlainFrames run = new PlainFrames();
    private final List<dev.framescope.wire.Dissected> items = new ArrayList<>();
    /** A read plus a carried plain frame of the largest size the fast path takes. */
    private final ByteBuffer input = ByteBuffer.allocate(FrameStreams.READ_SIZE + StreamDissector.PLAIN_MAX_PAYLOAD + 14);

    FramescopeDecoder(boolean masked) {
        this.masked = masked;
        decoder = new FrameDecoder(masked ? Sender.CLIENT : Sender.SERVER, DecoderOptions.defaults());
    }

    @Override
    public void decode(byte[][] reads, Sink sink) {
        int start = 0;
        int end = 0;
        byte[] array = input.array();
        for (byte[] read : reads) {
            if (array.length - end < read.length) {
                System.arraycopy(array, start, array, 0, end - start);
                end -= start;
                start = 0;
            }
            System.arraycopy(read, 0, array, end, read.length);
            end += read.length;
            input.limit(end).position(start);
            if (masked) {
                decodeMasked(sink);
            } else {
                dissectServer(sink);
            }
            start = input.position();
            if (start == end) {
                start = 0;
                end = 0;
            }
        }
    }

    private void decodeMasked(Sink sink) {
        Optional<Frame> frame;
        while ((frame = decoder.next(input)).isPresent()) {
            byte[] payload = frame.get().payload();
            sink.payload(payload, payload.length);
        }
    }

    private void dissectServer(Sink sink) {
        while (input.hasRemaining()) {
            if (dissector.takePlainFrames(input, run) > 0) {
                for (int i = 0; i < run.count(); i++) {
                    sink.payload(run.array(), run.payloadLength(i));
                }
            }
            if (dissector.plainFrameUnfinished(input)) {
                return;
            }
            items.clear();
            if (!input.hasRemaining() || !dissector.feedOne(input, items)) {
                return;
            }
            for (var item : items) {
                if (item instanceof dev.framescope.wire.Dissected.FrameItem f) {
                    sink.payload(f.frame().payload(), f.frame().payload().length);
                }
            }
        }
    }
}
