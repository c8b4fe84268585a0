package dev.framescope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field to leave out of a comparison, written in a small subset of JSONPath: {@code $} the message,
 * {@code .name} or {@code ['name']} a member, {@code [*]} or {@code .*} every element or member, {@code [2]} one
 * element, {@code ..name} a member named so at any depth. Filters, slices and unions are not supported.
 */
public record JsonMask(String text, List<Step> steps) {

    /** One step of the path. */
    public sealed interface Step {
    }

    record Member(String name) implements Step {
    }

    record Every() implements Step {
    }

    record Element(int index) implements Step {
    }

    record Descendant(String name) implements Step {
    }

    private static final Pattern STEP = Pattern.compile(
            "\\.\\.([A-Za-z_$][\\w$-]*)|\\.([A-Za-z_$][\\w$-]*)|\\.\\*|\\[\\*]|\\[(\\d+)]|\\['([^']*)']");

    public JsonMask {
        steps = List.copyOf(steps);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the unsupported part
     */
    public static JsonMask parse(String text) {
        String path = text.strip();
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("a JSONPath starts with '$' (e.g. '$.id'), not '" + text + "'");
        }
        List<Step> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("the JSONPath '" + text + "' has an unsupported part at '"
                        + path.substring(at) + "' (supported: $.a.b, $.a[*].b, $.a[0], $..id)");
            }
            if (m.group(1) != null) {
                steps.add(new Descendant(m.group(1)));
            } else if (m.group(2) != null) {
                steps.add(new Member(m.group(2)));
            } else if (m.group(3) != null) {
                steps.add(new Element(Integer.parseInt(m.group(3))));
            } else if (m.group(4) != null) {
                steps.add(new Member(m.group(4)));
            } else {
                steps.add(new Every());
            }
            at = m.end();
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the JSONPath '$' would ignore the whole message; name a field");
        }
        return new JsonMask(path, steps);
    }

    /** Removes every node this path names from {@code root} (which it changes). */
    public void apply(JsonNode root) {
        remove(root, 0);
    }

    private void remove(JsonNode node, int step) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        Step s = steps.get(step);
        boolean last = step == steps.size() - 1;
        if (s instanceof Descendant d) {
            for (JsonNode child : children(node)) {
                remove(child, step);
            }
            if (node instanceof ObjectNode object && object.has(d.name())) {
                if (last) {
                    object.remove(d.name());
                } else {
                    remove(object.get(d.name()), step + 1);
                }
            }
            return;
        }
        if (s instanceof Member member && node instanceof ObjectNode object) {
            if (last) {
                object.remove(member.name());
            } else {
                remove(object.get(member.name()), step + 1);
            }
        } else if (s instanceof Element element && node instanceof ArrayNode array) {
            if (element.index() < array.size()) {
                if (last) {
                    array.set(element.index(), array.nullNode());
                } else {
                    remove(array.get(element.index()), step + 1);
                }
            }
        } else if (s instanceof Every) {
            if (last) {
                clear(node);
            } else {
                for (JsonNode child : children(node)) {
                    remove(child, step + 1);
                }
            }
        }
    }

    private static void clear(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.removeAll();
        } else if (node instanceof ArrayNode array) {
            array.removeAll();
        }
    }

    private static List<JsonNode> children(JsonNode node) {
        List<JsonNode> children = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                children.add(it.next().getValue());
            }
        } else {
            node.forEach(children::add);
        }
        return children;
    }
}
