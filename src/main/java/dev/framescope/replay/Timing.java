package dev.framescope.replay;

import java.util.Locale;
import java.util.Optional;

/** When the replay sends each of our recorded messages. */
public enum Timing {
    /** With the recorded gaps between them. */
    RECORDED,
    /** Back to back. */
    FAST,
    /** Each once the server has sent as many messages as it had before it in the recording. */
    REACTIVE;

    /** The name on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Timing> of(String word) {
        for (Timing t : values()) {
            if (t.word().equals(word.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
