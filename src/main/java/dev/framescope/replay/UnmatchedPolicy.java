package dev.framescope.replay;

import java.util.Optional;

/**
 * What the mock does with a client message no recorded one matches: nothing, close with 1008 (policy violation,
 * RFC 6455 §7.4.1) and a reason, or send a configured reply. Every such message is listed either way.
 */
public record UnmatchedPolicy(Kind kind, String reply) {

    public enum Kind { IGNORE, CLOSE, REPLY }

    public static final UnmatchedPolicy IGNORE = new UnmatchedPolicy(Kind.IGNORE, "");
    public static final UnmatchedPolicy CLOSE = new UnmatchedPolicy(Kind.CLOSE, "");

    /** The close reason sent under {@link Kind#CLOSE}. */
    public static final String CLOSE_REASON = "no recorded message matches";

    public static UnmatchedPolicy reply(String text) {
        return new UnmatchedPolicy(Kind.REPLY, text);
    }

    /** From the command line: {@code ignore}, {@code close} or {@code reply:TEXT}. */
    public static Optional<UnmatchedPolicy> of(String word) {
        if (word.startsWith("reply:")) {
            return Optional.of(reply(word.substring("reply:".length())));
        }
        return switch (word.strip()) {
            case "ignore" -> Optional.of(IGNORE);
            case "close" -> Optional.of(CLOSE);
            default -> Optional.empty();
        };
    }
}
