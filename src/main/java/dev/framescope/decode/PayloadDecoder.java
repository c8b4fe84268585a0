package dev.framescope.decode;

/**
 * Turns one payload (a frame's unmasked, inflated bytes or a reassembled message) into a tree a person can read.
 * Implementations are stateless and never throw on hostile input: what cannot be decoded becomes a
 * {@link DecodeFailure} with the byte offset where decoding stopped, next to whatever was decoded before it.
 */
public interface PayloadDecoder {

    /** Stable id used on the command line ({@code --as}), in session files and in the per-connection override. */
    String id();

    /** Name shown in menus. */
    String label();

    /**
     * How sure this decoder is that the input is its format: 0 = not this format, 100 = certain (for example
     * the negotiated subprotocol names it). Cheap: runs on every payload the user selects.
     */
    int detect(DecodeInput input);

    /**
     * {@link #detect}'s score with the decoded payload when detection decoded it anyway; decoders whose detection
     * parses the bytes override this so a chosen decoder does not parse them twice.
     */
    default Detection detection(DecodeInput input) {
        return Detection.of(detect(input));
    }

    Decoded decode(DecodeInput input);
}
