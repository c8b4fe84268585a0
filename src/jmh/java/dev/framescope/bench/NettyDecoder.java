package dev.framescope.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** Netty 4.2 {@code WebSocket08FrameDecoder} in an {@code EmbeddedChannel}; each read is a fresh pooled buffer. */
final class NettyDecoder implements StreamDecoder {

    private final EmbeddedChannel channel;

    NettyDecoder(boolean masked) {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(masked)
                .allowMaskMismatch(false)
                .allowExtensions(true)
                .maxFramePayloadLength(1 << 20)
                .build();
        channel = new EmbeddedChannel(new WebSocket08FrameDecoder(config));
    }

    @Override
    public void decode(byte[][] reads, Sink sink) {
        for (byte[] read : reads) {
            ByteBuf input = channel.alloc().heapBuffer(read.length);
            input.writeBytes(read);
            channel.writeInbound(input);
            WebSocketFrame frame;
            while ((frame = channel.readInbound()) != null) {
                ByteBuf payload = frame.content();
                sink.payload(payload, payload.readableBytes());
                frame.release();
            }
        }
    }
}
