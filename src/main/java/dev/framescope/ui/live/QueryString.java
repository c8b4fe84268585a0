package dev.framescope.ui.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The query of a URL as name/value rows, and back, as typed: nothing is decoded or encoded, so {@code {{variables}}}
 * and percent escapes stay as the user wrote them. The dialog's query table and URL field share this.
 */
final class QueryString {

    /** One {@code name=value} pair; a pair without '=' has an empty value and is written back without '='. */
    record Param(String name, String value) {
    }

    private QueryString() {
    }

    static List<Param> parse(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return List.of();
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        List<Param> params = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.add(eq < 0 ? new Param(pair, "") : new Param(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return List.copyOf(params);
    }

    /** The URL with its query replaced by these rows (rows without a name are left out). */
    static String withParams(String url, List<Param> params) {
        int q = url.indexOf('?');
        int hash = url.indexOf('#', Math.max(q, 0));
        String base = q >= 0 ? url.substring(0, q) : hash >= 0 ? url.substring(0, hash) : url;
        String fragment = hash >= 0 ? url.substring(hash) : "";
        List<String> pairs = new ArrayList<>();
        for (Param p : params) {
            if (!p.name().isBlank()) {
                pairs.add(p.value().isEmpty() ? p.name() : p.name() + "=" + p.value());
            }
        }
        return base + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs)) + fragment;
    }
}
