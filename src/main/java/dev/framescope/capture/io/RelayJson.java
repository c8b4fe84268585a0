package dev.framescope.capture.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.RelayEvent;
import dev.framescope.capture.CaptureEvent.RelayMark;
import dev.framescope.capture.Direction;
import dev.framescope.capture.Stamp;
import dev.framescope.capture.text.RelayText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The intercepting proxy's marks (docs/proxy.md) in the exports: a {@code proxy} member on a JSON Lines frame or
 * message whose mark came before it in the capture (an edit, an injection), and an {@code _framescope} member on
 * a HAR message (every mark: HAR is written once a connection's events are all known). A HAR import turns the
 * latter back into relay events.
 */
final class RelayJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RelayJson() {
    }

    /**
     * JSON Lines: {@code "proxy": {"mark": "edited", "original": [seq…]}}, {@code {"mark": "replaced",
     * "replacedBy": [seq…]}}, {@code {"mark": "resent", "original": [seq…]}}, {@code {"mark": "reframed",
     * "resentAs": [seq…]}}, {@code {"mark": "injected"}} or {@code {"mark": "dropped"}}; the sequence numbers are
     * the other side's frame events and then its message event.
     */
    static void add(ObjectNode line, RelayEvent r) {
        ObjectNode proxy = line.putObject("proxy").put("mark", RelayText.word(r));
        if (!r.counterpart().isEmpty()) {
            r.counterpart().forEach(proxy.putArray(counterpartName(r.mark()))::add);
        }
    }

    /**
     * HAR: {@code "_framescope": {"seq": 4, "mark": "edited", "original": 1}}: the message event's own sequence
     * number, so that an edit and its original find each other, and the other side's message event.
     */
    static ObjectNode har(long seq, RelayEvent r) {
        ObjectNode node = NODES.objectNode().put("seq", seq).put("mark", RelayText.word(r));
        if (!r.counterpart().isEmpty()) {
            // A message's events are its frames, then the message: the last is the one HAR lists.
            node.put(counterpartName(r.mark()), r.counterpart().get(r.counterpart().size() - 1));
        }
        return node;
    }

    private static String counterpartName(RelayMark mark) {
        return switch (mark) {
            case REPLACED -> "replacedBy";
            case REFRAMED -> "resentAs";
            default -> "original";
        };
    }


    /**
     * The marks of one HAR entry's messages, read as they come and turned into relay events once the entry's
     * messages are all in (a replaced original comes before the edit it names). Marks that are not ours, or name
     * an unknown mark, are ignored: the messages are imported all the same.
     */
    static final class Imported {
        private final Map<Long, Long> seqs = new HashMap<>();
        private final List<Marked> marked = new ArrayList<>();

        private record Marked(long seq, Direction dir, RelayMark mark, Optional<Long> counterpart) {
        }

        /** The HAR message {@code m}, imported as event {@code seq}. */
        void message(JsonNode m, long seq, Direction dir) {
            JsonNode ours = m.path("_framescope");
            Optional<RelayMark> mark = markOf(ours.path("mark").asText(""));
            if (mark.isEmpty()) {
                return;
            }
            if (ours.path("seq").canConvertToLong()) {
                seqs.put(ours.path("seq").asLong(), seq);
            }
            JsonNode other = ours.path(counterpartName(mark.get()));
            marked.add(new Marked(seq, dir, mark.get(), other.canConvertToLong() ? Optional.of(other.asLong())
                    : Optional.empty()));
        }

        /** The relay events for the marks read, each naming the imported events. */
        List<Function<Stamp, CaptureEvent>> events() {
            List<Function<Stamp, CaptureEvent>> out = new ArrayList<>();
            for (Marked m : marked) {
                List<Long> counterpart = m.counterpart().map(seqs::get).map(List::of).orElse(List.of());
                out.add(s -> new RelayEvent(s, m.dir(), m.mark(), List.of(m.seq()), counterpart));
            }
            return out;
        }

        private static Optional<RelayMark> markOf(String word) {
            for (RelayMark mark : RelayMark.values()) {
                if (mark.name().equalsIgnoreCase(word)) {
                    return Optional.of(mark);
                }
            }
            return Optional.empty();
        }
    }
}
