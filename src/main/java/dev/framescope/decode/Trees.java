package dev.framescope.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HexFormat;
import java.util.Optional;

/** Shared pieces of the format decoders: the node factory, the nesting cap and result helpers. */
final class Trees {

    /**
     * Deepest nesting any format decoder follows. Real payloads nest a few levels; a hostile one nests thousands to
     * overflow a recursive reader's stack (and the GUI's tree). Beyond this, decoding stops with a failure.
     */
    static final int MAX_DEPTH = 100;

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Trees() {
    }

    static Decoded ok(String id, JsonNode tree, String summary) {
        return new Decoded(id, tree, Optional.of(summary), Optional.empty());
    }

    static Decoded stopped(String id, JsonNode tree, String summary, DecodeFailure failure) {
        return new Decoded(id, tree, Optional.of(summary), Optional.of(failure));
    }

    static String hex(byte[] bytes, int from, int to) {
        return HexFormat.of().formatHex(bytes, from, to);
    }

    static String plural(long n, String noun) {
        return String.format("%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** "depth N: more than MAX_DEPTH nested containers" — the same words for every format. */
    static String tooDeep() {
        return "nested deeper than " + MAX_DEPTH + " levels (Framescope's cap against hostile nesting)";
    }
}
