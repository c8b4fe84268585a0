package dev.framescope.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which cases to run, as {@code --cases} writes it: comma-separated patterns, {@code *} matching any rest of an id
 * ({@code 6.4.*}, {@code 1.*}, {@code 7.7.1}), a leading {@code !} excluding. With no including pattern, the default
 * applies: everything but 9.* (slow), 12.* and 13.* (slow, permessage-deflate). An excluding pattern wins.
 */
public record CaseSelection(List<String> include, List<String> exclude) {

    public static final List<String> DEFAULT = List.of("1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "10.*",
            "20.*");

    public CaseSelection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public static CaseSelection defaults() {
        return new CaseSelection(DEFAULT, List.of());
    }

    /** Parses "1.*,6.4.*,!9.*"; throws with a sentence naming a pattern that is not a case id pattern. */
    public static CaseSelection parse(String text) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String raw : text.split(",")) {
            String p = raw.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            boolean not = p.startsWith("!");
            String pattern = not ? p.substring(1).trim() : p;
            if (!pattern.matches("\\*|\\d+(\\.\\d+)*(\\.\\*)?")) {
                throw new IllegalArgumentException("'" + raw.trim() + "' is not a case pattern: write 1.*, 6.4.*, "
                        + "7.7.1 or !9.*");
            }
            (not ? out : in).add(pattern);
        }
        return new CaseSelection(in.isEmpty() ? DEFAULT : in, out);
    }

    public boolean includes(String id) {
        return include.stream().anyMatch(p -> matches(p, id)) && exclude.stream().noneMatch(p -> matches(p, id));
    }

    static boolean matches(String pattern, String id) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return id.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return id.equals(pattern);
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(include);
        exclude.forEach(p -> all.add("!" + p));
        return String.join(",", all);
    }
}
