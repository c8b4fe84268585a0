package dev.framescope.testutil;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.Direction;
import dev.framescope.wire.Finding;
import dev.framescope.wire.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a test asks of a capture: its events of a kind, texts and frames one way, violations, and a readable dump. */
public final class LogQueries {

    private LogQueries() {
    }

    public static <E extends CaptureEvent> List<E> events(CaptureLog log, Class<E> type) {
        return log.readFrom(0, log.size()).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The text messages one way, as strings. */
    public static List<String> texts(CaptureLog log, Direction dir) {
        return events(log, CaptureEvent.MessageEvent.class).stream().filter(m -> m.dir() == dir)
                .filter(m -> m.message().isText())
                .map(m -> new String(m.message().payload(), StandardCharsets.UTF_8)).toList();
    }

    /**
     * The messages the intercepting proxy marked, in order, as "mark arrow text": "replaced → order 1",
     * "edited → order 2", "injected ← hi", "dropped → order 1".
     */
    public static List<String> marked(CaptureLog log) {
        return events(log, CaptureEvent.MessageEvent.class).stream().flatMap(m -> log.relayMark(m.seq())
                .map(r -> r.mark().name().toLowerCase(java.util.Locale.ROOT) + " " + m.dir().arrow() + " "
                        + new String(m.message().payload(), StandardCharsets.UTF_8)).stream()).toList();
    }

    /** The first frame the intercepting proxy marked {@code mark}. */
    public static CaptureEvent.FrameEvent markedFrame(CaptureLog log, CaptureEvent.RelayMark mark) {
        return events(log, CaptureEvent.FrameEvent.class).stream().filter(f -> log.relayMark(f.seq())
                .filter(r -> r.mark() == mark).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no frame marked " + mark + ":\n" + dump(log)));
    }

    /** Every frame the intercepting proxy marked, in order. */
    public static List<CaptureEvent.FrameEvent> markedFrames(CaptureLog log) {
        return events(log, CaptureEvent.FrameEvent.class).stream().filter(f -> log.relayMark(f.seq()).isPresent())
                .toList();
    }

    public static List<CaptureEvent.FrameEvent> frames(CaptureLog log, Direction dir) {
        return events(log, CaptureEvent.FrameEvent.class).stream().filter(f -> f.dir() == dir).toList();
    }

    /** Every rule broken, in order (a message's findings are its frames', so messages are left out). */
    public static List<Violation> violations(CaptureLog log) {
        return log.readFrom(0, log.size()).stream().filter(e -> !(e instanceof CaptureEvent.MessageEvent))
                .flatMap(e -> e.findings().stream()).map(Finding::violation).toList();
    }

    /** Whether the connection's end has been recorded. */
    public static boolean closed(CaptureLog log) {
        return !events(log, CaptureEvent.CloseEvent.class).isEmpty();
    }

    /** Every event a line, the handshake's request, response and body in full: for assertion messages. */
    public static String dump(CaptureLog log) {
        StringBuilder sb = new StringBuilder();
        for (CaptureEvent e : log.readFrom(0, log.size())) {
            sb.append(e).append('\n');
            if (e instanceof CaptureEvent.HandshakeEvent h) {
                sb.append(new String(h.rawRequest(), StandardCharsets.ISO_8859_1))
                        .append(new String(h.rawResponse(), StandardCharsets.ISO_8859_1))
                        .append(new String(h.responseBody(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return sb.toString();
    }
}
