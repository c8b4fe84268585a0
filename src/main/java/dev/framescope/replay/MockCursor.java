package dev.framescope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One mock client's place in the recording: which recorded client messages it has used, and what to answer the next
 * message it sends. Matching is by order (the n-th message is the n-th recorded one, whatever it says) or by content
 * (the first unused recorded message equal to it under the masks; JSON-RPC and GraphQL ids are masked too, since a
 * client picks its own). Answers have the recorded ids rewritten to the client's.
 */
public final class MockCursor {

    /** How a client message finds its recorded counterpart. */
    public enum Match {
        ORDER, CONTENT;

        public static Optional<Match> of(String word) {
            return switch (word.strip()) {
                case "order" -> Optional.of(ORDER);
                case "content" -> Optional.of(CONTENT);
                default -> Optional.empty();
            };
        }
    }

    private final MockScript script;
    private final Match match;
    private final List<JsonMask> masks;
    private final boolean[] used;
    private int next;
    private int lastIndex = -1;

    public MockCursor(MockScript script, Match match, List<JsonMask> masks) {
        this.script = script;
        this.match = match;
        List<JsonMask> all = new ArrayList<>(masks);
        if (script.correlation() != Correlation.NONE) {
            all.add(JsonMask.parse("$.id"));
            all.add(JsonMask.parse("$[*].id"));
        }
        this.masks = List.copyOf(all);
        this.used = new boolean[script.recording().client().size()];
    }

    /** The answers to {@code got}, or empty when no recorded message matches it. */
    public synchronized Optional<List<MockScript.Timed>> answer(Content got) {
        Optional<Recording.Recorded> matched = find(got);
        if (matched.isEmpty()) {
            return Optional.empty();
        }
        Recording.Recorded recorded = matched.get();
        used[recorded.index()] = true;
        lastIndex = recorded.index();
        Map<String, JsonNode> ids = idMap(recorded.content(), got);
        List<MockScript.Timed> out = new ArrayList<>();
        for (MockScript.Timed t : script.responses().get(recorded.index())) {
            Content content = rewrite(t.content(), ids);
            out.add(new MockScript.Timed(content, t.delayNanos(), t.frames(), content == t.content()));
        }
        return Optional.of(out);
    }

    /** The recorded index of the message the last {@link #answer} matched, or -1. */
    public synchronized int lastIndex() {
        return lastIndex;
    }

    private Optional<Recording.Recorded> find(Content got) {
        List<Recording.Recorded> client = script.recording().client();
        if (match == Match.ORDER) {
            return next < client.size() ? Optional.of(client.get(next++)) : Optional.empty();
        }
        for (Recording.Recorded r : client) {
            if (!used[r.index()] && r.content().compare(got, masks).isEmpty()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Recorded request id (as JSON text) → the client's id, element by element for a batch. */
    private Map<String, JsonNode> idMap(Content recorded, Content got) {
        Map<String, JsonNode> map = new HashMap<>();
        if (script.correlation() == Correlation.NONE || recorded.json().isEmpty() || got.json().isEmpty()) {
            return map;
        }
        List<JsonNode> from = MockScript.ids(recorded.json().get());
        List<JsonNode> to = MockScript.ids(got.json().get());
        for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
            map.put(from.get(i).toString(), to.get(i));
        }
        return map;
    }

    private static Content rewrite(Content answer, Map<String, JsonNode> ids) {
        if (ids.isEmpty() || answer.json().isEmpty()) {
            return answer;
        }
        JsonNode tree = answer.json().get().deepCopy();
        boolean changed = false;
        for (JsonNode m : tree.isArray() ? tree : List.of(tree)) {
            if (m instanceof ObjectNode o && o.has("id") && ids.containsKey(o.get("id").toString())) {
                JsonNode mine = ids.get(o.get("id").toString());
                changed |= !mine.equals(o.get("id"));
                o.set("id", mine);
            }
        }
        return changed ? Content.json(tree) : answer;
    }
}
