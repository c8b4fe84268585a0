package dev.framescope.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pairs the replayed server messages with the recorded ones: those with a correlation key by key (the n-th
 * answer to id 3 with the n-th recorded answer to id 3), the rest by position among the rest; then compares each pair.
 */
final class Pairing {

    private Pairing() {
    }

    static List<Outcome> pair(List<Content> recorded, List<Content> replayed, Correlation correlation,
                              List<JsonMask> masks) {
        Map<String, Deque<Integer>> byKey = new LinkedHashMap<>();
        Deque<Integer> plain = new ArrayDeque<>();
        for (int i = 0; i < recorded.size(); i++) {
            Optional<String> key = correlation.key(recorded.get(i));
            if (key.isPresent()) {
                byKey.computeIfAbsent(key.get(), k -> new ArrayDeque<>()).addLast(i);
            } else {
                plain.addLast(i);
            }
        }
        List<Outcome> out = new ArrayList<>();
        boolean[] used = new boolean[recorded.size()];
        for (int j = 0; j < replayed.size(); j++) {
            Content got = replayed.get(j);
            Optional<String> key = correlation.key(got);
            Deque<Integer> queue = key.map(byKey::get).orElse(key.isPresent() ? null : plain);
            Integer i = queue == null ? null : queue.pollFirst();
            if (i == null) {
                out.add(new Outcome(Outcome.Verdict.EXTRA, OptionalInt.empty(), OptionalInt.of(j), key, List.of(),
                        "", got.preview()));
                continue;
            }
            used[i] = true;
            Content want = recorded.get(i);
            List<Difference> diffs = want.compare(got, masks);
            out.add(new Outcome(diffs.isEmpty() ? Outcome.Verdict.SAME : Outcome.Verdict.CHANGED, OptionalInt.of(i),
                    OptionalInt.of(j), key, diffs, want.preview(), got.preview()));
        }
        for (int i = 0; i < recorded.size(); i++) {
            if (!used[i]) {
                out.add(new Outcome(Outcome.Verdict.MISSING, OptionalInt.of(i), OptionalInt.empty(),
                        correlation.key(recorded.get(i)), List.of(), recorded.get(i).preview(), ""));
            }
        }
        out.sort(Comparator.comparingInt((Outcome o) -> o.recorded().orElse(Integer.MAX_VALUE))
                .thenComparingInt(o -> o.replayed().orElse(Integer.MAX_VALUE)));
        return out;
    }
}
