package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.CaptureEvent.MessageEvent;
import dev.framescope.capture.CaptureLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the message a data frame belongs to, and that message's fragments, in a connection's log. */
final class MessageLookup {

    /** A reassembled message with the frames that carried it, in order. */
    record Found(MessageEvent message, List<FrameEvent> fragments) {
    }

    private static final int SEARCH_LIMIT = 100_000;

    private MessageLookup() {
    }

    static Optional<Found> of(CaptureLog log, FrameEvent frame) {
        if (frame.messageOpcode().isEmpty()) {
            return Optional.empty();
        }
        int from = (int) frame.seq();
        for (CaptureEvent e : log.readFrom(from, SEARCH_LIMIT)) {
            if (e instanceof MessageEvent m && m.dir() == frame.dir()
                    && m.header().startOffset() <= frame.header().streamOffset()) {
                return Optional.of(new Found(m, fragments(log, m)));
            }
        }
        return Optional.empty();
    }

    static List<FrameEvent> fragmentsOf(CaptureLog log, MessageEvent m) {
        return fragments(log, m);
    }

    private static List<FrameEvent> fragments(CaptureLog log, MessageEvent m) {
        List<FrameEvent> frames = new ArrayList<>();
        int start = (int) Math.max(0, m.seq() - SEARCH_LIMIT);
        for (CaptureEvent e : log.readFrom(start, (int) (m.seq() - start))) {
            if (e instanceof FrameEvent f && f.dir() == m.dir() && f.messageOpcode().isPresent()
                    && f.header().streamOffset() >= m.header().startOffset()) {
                frames.add(f);
            }
        }
        return frames;
    }
}
