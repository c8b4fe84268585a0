package dev.framescope.replay;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One recorded server message and what the replay got for it, or one the replay got that the recording lacks.
 *
 * @param recorded index among the recorded server messages
 * @param replayed index among the replayed server messages
 * @param key      the request it answers ("id 3"), when correlation knows it
 */
public record Outcome(Verdict verdict, OptionalInt recorded, OptionalInt replayed, Optional<String> key,
                      List<Difference> differences, String recordedText, String replayedText) {

    /** How the replayed message compares. */
    public enum Verdict {
        SAME("same"), CHANGED("changed"), MISSING("missing"), EXTRA("extra");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        /** For reports. */
        public String words() {
            return words;
        }
    }

    public Outcome {
        differences = List.copyOf(differences);
    }
}
