package dev.framescope.capture.text;

import dev.framescope.capture.CaptureEvent.RelayEvent;
import dev.framescope.wire.Sender;
import java.util.List;
import java.util.function.Function;

/** What the intercepting proxy did to a frame or message, in words, for the views and {@code inspect}. */
public final class RelayText {

    private RelayText() {
    }

    /**
     * The marker a marked row shows: "edited by you; original: #12", "injected by you", "held, replaced by #14",
     * "held, dropped", "re-sent uncompressed by the proxy; original: #12", "re-sent uncompressed as #14".
     *
     * @param name how to name the counterpart's events (its first frame's number in a frames view, its message's
     *             in a messages view)
     */
    public static String mark(RelayEvent r, Function<List<Long>, String> name) {
        return switch (r.mark()) {
            case EDITED -> "edited by you" + (r.counterpart().isEmpty() ? "" : "; original: "
                    + name.apply(r.counterpart()));
            case INJECTED -> "injected by you";
            case REPLACED -> "held, replaced by " + (r.counterpart().isEmpty() ? "an edit" : name.apply(r.counterpart()));
            case DROPPED -> "held, dropped";
            case RESENT -> "re-sent uncompressed by the proxy" + (r.counterpart().isEmpty() ? "" : "; original: "
                    + name.apply(r.counterpart()));
            case REFRAMED -> "re-sent uncompressed as " + (r.counterpart().isEmpty() ? "another frame"
                    : name.apply(r.counterpart()));
        };
    }

    /**
     * One word for a narrow column: "edited", "injected", "replaced", "dropped", "resent", "reframed" (also the
     * mark's name in the exports).
     */
    public static String word(RelayEvent r) {
        return switch (r.mark()) {
            case EDITED -> "edited";
            case INJECTED -> "injected";
            case REPLACED -> "replaced";
            case DROPPED -> "dropped";
            case RESENT -> "resent";
            case REFRAMED -> "reframed";
        };
    }

    /** The marker with the counterpart named by its first event's number in the capture ("event 12"). */
    public static String mark(RelayEvent r) {
        return mark(r, seqs -> "event " + seqs.get(0));
    }

    /** The line {@code inspect} prints for the mark itself. */
    public static String summary(RelayEvent r) {
        String who = r.dir().sender() == Sender.CLIENT ? "the app's" : "the server's";
        String events = "events " + r.marked().get(0) + (r.marked().size() > 1
                ? "–" + r.marked().get(r.marked().size() - 1) : "");
        return switch (r.mark()) {
            case EDITED -> "the edit of " + who + " message went on as " + events
                    + (r.counterpart().isEmpty() ? "" : " (original: event " + r.counterpart().get(0) + ")");
            case INJECTED -> events + " injected as " + who.replace("'s", "") + " would send them";
            case REPLACED -> who + " message at " + events + " was held and replaced by "
                    + (r.counterpart().isEmpty() ? "an edit" : "event " + r.counterpart().get(0));
            case DROPPED -> who + " message at " + events + " was held and not forwarded";
            case RESENT -> "the proxy re-sent " + who + " message uncompressed as " + events
                    + (r.counterpart().isEmpty() ? "" : " (original: event " + r.counterpart().get(0) + ")");
            case REFRAMED -> who + " compressed message at " + events + " went on uncompressed as "
                    + (r.counterpart().isEmpty() ? "another frame" : "event " + r.counterpart().get(0))
                    + ": an edit or a drop before it left the receiver's inflater behind";
        };
    }
}
