package dev.framescope.capture;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What this connection's exports must hide besides the usual suspects (Authorization, cookies, token query
 * parameters): the header and query parameter names the user's auth helper chose (an API key's), and the values of
 * secret variables and credentials, wherever they appear (URLs, handshake heads, payloads).
 *
 * @param headerNames lower-case header field names whose values are secret
 * @param queryNames  query parameter names whose values are secret (as written, compared ignoring case)
 * @param values      secret strings, hidden wherever they appear
 */
public record Secrets(Set<String> headerNames, Set<String> queryNames, Set<String> values) {

    public static final Secrets NONE = new Secrets(Set.of(), Set.of(), Set.of());

    public Secrets {
        headerNames = lowerCase(headerNames);
        queryNames = lowerCase(queryNames);
        Set<String> nonEmpty = new LinkedHashSet<>();
        values.stream().filter(v -> !v.isEmpty()).forEach(nonEmpty::add);
        values = Set.copyOf(nonEmpty);
    }

    public Secrets plus(Secrets other) {
        return new Secrets(union(headerNames, other.headerNames), union(queryNames, other.queryNames),
                union(values, other.values));
    }

    public boolean isEmpty() {
        return headerNames.isEmpty() && queryNames.isEmpty() && values.isEmpty();
    }

    /** The same rules without the values: what may be written where secrets are not kept. */
    public Secrets namesOnly() {
        return new Secrets(headerNames, queryNames, Set.of());
    }

    /** Longest first, so a value that contains another is hidden whole. */
    public List<String> valuesLongestFirst() {
        return values.stream().sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
    }

    private static Set<String> lowerCase(Set<String> names) {
        Set<String> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }
}
