package dev.framescope.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A run in a few lines of text (per category, then the cases that did not pass plainly), and as JSON. */
public final class ProbeSummary {

    private ProbeSummary() {
    }

    public static List<String> text(List<CaseResult> results, long millis) {
        List<String> lines = new ArrayList<>();
        Map<String, List<CaseResult>> byCategory = new LinkedHashMap<>();
        results.forEach(r -> byCategory.computeIfAbsent(r.probeCase().category(), k -> new ArrayList<>()).add(r));
        lines.add("");
        byCategory.forEach((cat, rs) -> lines.add(String.format(Locale.ROOT, "  %-3s %-48s %4d  %s", cat,
                Catalogue.CATEGORIES.getOrDefault(cat, ""), rs.size(), counts(rs))));
        List<CaseResult> notable = results.stream().filter(r -> r.grade().behavior() != Verdict.OK
                || r.grade().close() != Verdict.OK).toList();
        if (!notable.isEmpty()) {
            lines.add("");
            for (CaseResult r : notable) {
                lines.add(String.format(Locale.ROOT, "  %-8s %-13s %-16s %s", r.id(), r.grade().behavior().label(),
                        r.grade().close().label(), r.grade().serverDid()));
            }
        }
        long failed = results.stream().filter(r -> r.grade().failed()).count();
        lines.add("");
        // The counts are by behaviour; a case fails when either of its grades does, so the tail says which.
        lines.add(cases(results.size()) + " in " + String.format(Locale.ROOT, "%.1f", millis / 1000.0) + " s: "
                + counts(results) + (failed == 0 ? "; none FAILED in behaviour or close."
                        : "; " + cases(failed) + " FAILED in behaviour or close (listed above)."));
        return lines;
    }

    private static String cases(long n) {
        return n == 1 ? "1 case" : n + " cases";
    }

    /** "230 OK, 12 NON-STRICT, 3 INFORMATIONAL" by behaviour. */
    static String counts(List<CaseResult> rs) {
        Map<Verdict, Long> c = new EnumMap<>(Verdict.class);
        rs.forEach(r -> c.merge(r.grade().behavior(), 1L, Long::sum));
        return c.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    /** Autobahn's {@code index.json} layout. */
    public static String json(String agent, List<CaseResult> results) {
        try {
            return ProbeReport.toJson(ProbeReport.index(agent, results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
