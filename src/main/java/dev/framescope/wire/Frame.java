package dev.framescope.wire;

import java.util.List;
import java.util.Objects;

/**
 * A decoded frame, or one chunk of a frame whose payload is larger than the decoder's buffering limit.
 *
 * <p>The payload is unmasked (the masked bytes are derivable from {@link FrameHeader#maskingKey()}). A frame within
 * the limit arrives as a single chunk ({@code chunkOffset == 0 && lastChunk}); a larger one as several chunks that
 * share the header, in order. Frame-level findings travel with the first chunk.
 *
 * @param header      the header as on the wire
 * @param chunkOffset position of this chunk's first byte within the frame's payload
 * @param payload     unmasked payload bytes of this chunk; never modified after construction
 * @param lastChunk   whether this chunk ends the frame
 * @param findings    violations of frame-level rules (§5.1, §5.2, §5.5, close payload), in the order found
 */
public record Frame(FrameHeader header, long chunkOffset, byte[] payload, boolean lastChunk, List<Finding> findings) {

    public Frame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        findings = List.copyOf(findings);
    }

    public static Frame whole(FrameHeader header, byte[] payload, List<Finding> findings) {
        return new Frame(header, 0, payload, true, findings);
    }

    public boolean isFirstChunk() {
        return chunkOffset == 0;
    }

    /** True when this object carries the frame's entire payload. */
    public boolean isWhole() {
        return chunkOffset == 0 && lastChunk;
    }

    public Opcode opcode() {
        return header.opcode();
    }
}
