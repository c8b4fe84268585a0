package dev.framescope.wire;

/**
 * Settings of a {@link FrameDecoder}.
 *
 * @param maxChunkBytes  the most payload bytes buffered at once; larger payloads arrive as several chunks
 * @param allowedRsvBits RSV bits (as in byte 0, e.g. {@link FrameHeader#B0_FLAG_RSV1}) a negotiated extension defines
 * @param startOffset    stream offset of the first byte fed (e.g. the length of the HTTP handshake before it)
 */
public record DecoderOptions(int maxChunkBytes, int allowedRsvBits, long startOffset) {

    public static final int DEFAULT_MAX_CHUNK_BYTES = 1 << 20;

    public DecoderOptions {
        if (maxChunkBytes < 1) {
            throw new IllegalArgumentException("maxChunkBytes must be positive: " + maxChunkBytes);
        }
    }

    public static DecoderOptions defaults() {
        return new DecoderOptions(DEFAULT_MAX_CHUNK_BYTES, 0, 0);
    }

    public DecoderOptions withMaxChunkBytes(int bytes) {
        return new DecoderOptions(bytes, allowedRsvBits, startOffset);
    }

    public DecoderOptions withAllowedRsvBits(int bits) {
        return new DecoderOptions(maxChunkBytes, bits, startOffset);
    }

    public DecoderOptions withStartOffset(long offset) {
        return new DecoderOptions(maxChunkBytes, allowedRsvBits, offset);
    }
}
