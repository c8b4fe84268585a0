package dev.framescope.bench;

import java.nio.ByteBuffer;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.internal.Parser;

/**
 * Jetty 12.1 {@code Parser}: returns a frame or null; a frame whole within one read is a slice of the input buffer,
 * one cut across reads is aggregated in a pooled buffer released by {@code close()}.
 */
final class JettyDecoder implements StreamDecoder {

    private final Parser parser;
    private final ByteBuffer input = ByteBuffer.allocate(FrameStreams.READ_SIZE);

    JettyDecoder() {
        Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
        // Whole frames, as the other decoders deliver: no auto-fragmenting (Jetty's default), room for 64 KiB payloads.
        configuration.setAutoFragment(false);
        configuration.setMaxFrameSize(1 << 20);
        parser = new Parser(new ArrayByteBufferPool(), configuration);
    }

    @Override
    public void decode(byte[][] reads, Sink sink) {
        for (byte[] read : reads) {
            input.clear();
            input.put(read).flip();
            Frame.Parsed frame;
            while ((frame = parser.parse(input)) != null) {
                ByteBuffer payload = frame.getPayload();
                sink.payload(payload, frame.getPayloadLength());
                frame.close();
            }
        }
    }
}
