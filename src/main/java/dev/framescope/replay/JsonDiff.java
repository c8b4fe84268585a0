package dev.framescope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Structural JSON comparison: member order ignored, numbers compared as numbers ({@code 1}, {@code 1.0},
 * {@code 1e0}).
 */
final class JsonDiff {

    /** At most this many differences are listed per message. */
    static final int LIMIT = 20;

    private JsonDiff() {
    }

    /** Appends to {@code out} each place where {@code recorded} and {@code replayed} differ, named by JSONPath. */
    static void diff(String path, JsonNode recorded, JsonNode replayed, List<Difference> out) {
        if (out.size() >= LIMIT) {
            return;
        }
        if (recorded.isNumber() && replayed.isNumber()) {
            if (recorded.decimalValue().compareTo(replayed.decimalValue()) != 0) {
                out.add(new Difference(path, recorded.toString(), replayed.toString()));
            }
        } else if (recorded.isObject() && replayed.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            recorded.fieldNames().forEachRemaining(names::add);
            replayed.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = path + member(name);
                JsonNode a = recorded.get(name);
                JsonNode b = replayed.get(name);
                if (a == null) {
                    out.add(new Difference(at, Difference.ABSENT, b.toString()));
                } else if (b == null) {
                    out.add(new Difference(at, a.toString(), Difference.ABSENT));
                } else {
                    diff(at, a, b, out);
                }
            }
        } else if (recorded.isArray() && replayed.isArray()) {
            Iterator<JsonNode> a = recorded.elements();
            Iterator<JsonNode> b = replayed.elements();
            for (int i = 0; a.hasNext() || b.hasNext(); i++) {
                String at = path + "[" + i + "]";
                if (!a.hasNext()) {
                    out.add(new Difference(at, Difference.ABSENT, b.next().toString()));
                } else if (!b.hasNext()) {
                    out.add(new Difference(at, a.next().toString(), Difference.ABSENT));
                } else {
                    diff(at, a.next(), b.next(), out);
                }
            }
        } else if (!recorded.equals(replayed)) {
            out.add(new Difference(path, recorded.toString(), replayed.toString()));
        }
    }

    /** A member step of a JSONPath: {@code .name}, or {@code ['name']} when the name is not a plain word. */
    static String member(String name) {
        return name.matches("[A-Za-z_$][\\w$]*") ? "." + name : "['" + name + "']";
    }
}
