package dev.framescope.capture.io;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.RelayEvent;
import dev.framescope.capture.CaptureLog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The intercepting proxy's marks a stream of events (a session file read record by record) has met whose marked
 * events are still to come (an edit's or an injection's mark comes first): at most the few the proxy wrote last,
 * since each is forgotten once its event went by. Used by the streamed exports and {@code inspect}.
 */
public final class StreamedMarks {
    private final Map<Long, Map<Long, RelayEvent>> byConnection = new HashMap<>();

    /** Remembers the events a mark met in the stream names, when they come after it. */
    public void seen(CaptureLog log, CaptureEvent e) {
        if (e instanceof RelayEvent r) {
            for (long seq : r.marked()) {
                if (seq > r.seq()) {
                    byConnection.computeIfAbsent(log.connectionId(), id -> new HashMap<>()).put(seq, r);
                }
            }
        }
    }

    /** Whether a mark met so far names event {@code seq}. */
    public boolean marks(CaptureLog log, long seq) {
        Map<Long, RelayEvent> marks = byConnection.get(log.connectionId());
        return marks != null && marks.containsKey(seq);
    }

    /** The mark of event {@code seq}, met before it; forgotten by this call. */
    public Optional<RelayEvent> take(CaptureLog log, long seq) {
        Map<Long, RelayEvent> marks = byConnection.get(log.connectionId());
        return marks == null ? Optional.empty() : Optional.ofNullable(marks.remove(seq));
    }
}
