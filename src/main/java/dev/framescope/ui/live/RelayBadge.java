package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.text.RelayText;
import java.util.Collections;
import java.util.Optional;

/**
 * What the intercepting proxy did to a row, as its views show it: "edited by you; original: #3", "injected by
 * you", "held, replaced by #7", "held, dropped" — numbered as the view numbers its rows (frames in the frames
 * view, messages in the Messages view).
 */
final class RelayBadge {

    private RelayBadge() {
    }

    static Optional<String> ofFrame(TimelineModel model, CaptureEvent.FrameEvent f) {
        return of(model, f.seq(), false);
    }

    /** Numbered as messages while the Messages view is on, else by the counterpart's first frame. */
    static Optional<String> ofMessage(TimelineModel model, CaptureEvent.MessageEvent m) {
        return of(model, m.seq(), !model.messages().isEmpty());
    }

    /** The Proxy column's word for a frame or message event: "edited", "replaced", …; empty when unmarked. */
    static String word(TimelineModel model, long seq) {
        return model.log().flatMap(l -> l.relayMark(seq)).map(RelayText::word).orElse("");
    }

    /** The payload cell's text: the mark in brackets before the preview, or the preview alone. */
    static String prefixed(Optional<String> badge, String preview) {
        return badge.map(b -> "[" + b + "] " + preview).orElse(preview);
    }

    private static Optional<String> of(TimelineModel model, long seq, boolean message) {
        return model.log().flatMap(l -> l.relayMark(seq)).map(r -> RelayText.mark(r, seqs -> "#"
                + model.numberOf(message ? Collections.max(seqs) : Collections.min(seqs), message)));
    }
}
