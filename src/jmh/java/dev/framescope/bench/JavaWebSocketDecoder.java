package dev.framescope.bench;

import java.nio.ByteBuffer;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.Framedata;

/** Java-WebSocket 1.6.0: {@code Draft_6455.translateFrame} keeps an incomplete frame between calls. */
final class JavaWebSocketDecoder implements StreamDecoder {

    private final Draft_6455 draft = new Draft_6455();
    private final ByteBuffer input = ByteBuffer.allocate(FrameStreams.READ_SIZE);

    JavaWebSocketDecoder(boolean masked) {
        // Masked frames come from a client, so the decoding side is the server.
        draft.setParseMode(masked ? Role.SERVER : Role.CLIENT);
    }

    @Override
    public void decode(byte[][] reads, Sink sink) throws Exception {
        for (byte[] read : reads) {
            input.clear();
            input.put(read).flip();
            for (Framedata frame : draft.translateFrame(input)) {
                ByteBuffer payload = frame.getPayloadData();
                sink.payload(payload, payload.remaining());
            }
        }
    }
}
