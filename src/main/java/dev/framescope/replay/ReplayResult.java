package dev.framescope.replay;

import java.util.List;

/**
 * What a replay found.
 *
 * @param sent     how many of our recorded messages were sent
 * @param problems what went wrong on the way (the server closed early, a reactive wait ran out), in words
 */
public record ReplayResult(String url, Recording recording, int sent, List<Content> replayed,
                           List<Outcome> outcomes, List<String> problems) {

    public ReplayResult {
        replayed = List.copyOf(replayed);
        outcomes = List.copyOf(outcomes);
        problems = List.copyOf(problems);
    }

    /** Every message sent, every recorded answer back and the same, nothing extra, nothing went wrong. */
    public boolean matches() {
        return problems.isEmpty() && sent == recording.client().size()
                && outcomes.stream().allMatch(o -> o.verdict() == Outcome.Verdict.SAME);
    }

    public long count(Outcome.Verdict verdict) {
        return outcomes.stream().filter(o -> o.verdict() == verdict).count();
    }
}
