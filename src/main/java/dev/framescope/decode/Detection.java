package dev.framescope.decode;

import java.util.Optional;

/**
 * A decoder's {@link PayloadDecoder#detect} score, and the payload decoded when scoring it took a full decode (JSON,
 * XML, CBOR, MessagePack, protobuf parse the bytes to score them): the registry then uses that result instead of
 * decoding the same bytes a second time. The result is what {@link PayloadDecoder#decode} returns for the input.
 */
public record Detection(int score, Optional<Decoded> decoded) {

    /** Detections without a decode, one per score a decoder gives (0-100): detection runs on every payload. */
    private static final Detection[] SCORES = new Detection[101];

    static {
        for (int i = 0; i < SCORES.length; i++) {
            SCORES[i] = new Detection(i, Optional.empty());
        }
    }

    public static Detection of(int score) {
        return score >= 0 && score < SCORES.length ? SCORES[score] : new Detection(score, Optional.empty());
    }

    public static Detection of(int score, Decoded decoded) {
        return new Detection(score, Optional.of(decoded));
    }
}
