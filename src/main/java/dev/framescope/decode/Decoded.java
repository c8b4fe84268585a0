package dev.framescope.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A decoder's result: the decoded tree as JSON (what the CLI prints and the GUI shows as a collapsible tree), a
 * one-line summary for tables (e.g. {@code "STOMP SEND /queue/a (12 B)"}), and, when decoding stopped early, why and
 * where — the tree then holds what was decoded up to that point.
 */
public record Decoded(String decoderId, JsonNode tree, Optional<String> summary, Optional<DecodeFailure> failure) {

    public boolean complete() {
        return failure.isEmpty();
    }
}
