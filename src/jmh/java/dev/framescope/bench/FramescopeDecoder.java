package dev.framescope.bench;

import dev.framescope.wire.DecoderOptions;
import dev.framescope.wire.Frame;
import dev.framescope.wire.FrameDecoder;
import dev.framescope.wire.Sender;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Our {@code FrameDecoder}: every frame arrives whole (64 KiB is under its chunk limit) with an unmasked copy. */
final class FramescopeDecoder implements StreamDecoder {

    private final FrameDecoder decoder;
    private final ByteBuffer input = ByteBuffer.allocate(FrameStreams.READ_SIZE);

    FramescopeDecoder(boolean masked) {
        decoder = new FrameDecoder(masked ? Sender.CLIENT : Sender.SERVER, DecoderOptions.defaults());
    }

    @Override
    public void decode(byte[][] reads, Sink sink) {
        for (byte[] read : reads) {
            input.clear();
            input.put(read).flip();
            Optional<Frame> frame;
            while ((frame = decoder.next(input)).isPresent()) {
                byte[] payload = frame.get().payload();
                sink.payload(payload, payload.length);
            }
        }
    }
}
