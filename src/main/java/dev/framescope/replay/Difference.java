package dev.framescope.replay;

/**
 * One place where a replayed message differs from the recorded one.
 *
 * @param where    a JSONPath for JSON messages, else a byte offset ("byte 12") or "type"
 * @param recorded the recorded value there, or {@link #ABSENT}
 * @param replayed the replayed value there, or {@link #ABSENT}
 */
public record Difference(String where, String recorded, String replayed) {

    /** The value of a member or element that one side does not have. */
    public static final String ABSENT = "(absent)";

    @Override
    public String toString() {
        return where + ": " + recorded + " → " + replayed;
    }
}
